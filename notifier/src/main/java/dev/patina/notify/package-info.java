/** Digest rendering (text and HTML), SMTP sending, durable outbox. */
package dev.patina.notify;
