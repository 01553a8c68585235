/** Device models and transports (SSH, SCP/SFTP, SNMP, NETCONF) and state parsers. */
package dev.patina.collector;
