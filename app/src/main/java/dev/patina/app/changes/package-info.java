/**
 * Change-triggered backups: {@code patina serve} listens for the devices' own change
 * announcements (syslog over UDP and TCP, SNMP notifications and informs), matches each to a
 * device by its sender (or by the hostname in the message when a relay forwards it) and to the
 * device model's {@code changes:} rules, waits until the device has been quiet for a while, and
 * then backs that one device up through the same run pipeline as every other trigger, with who
 * made the change in the commit. Everything between the socket and the pipeline is bounded:
 * one queue, one pending entry per device, a cap per minute; what does not fit is dropped and
 * counted ({@link dev.patina.app.changes.ChangeCounters}).
 */
package dev.patina.app.changes;
