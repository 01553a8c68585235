package dev.patina.inventory;

import java.util.List;

/**
 * Where digests go: SMTP server ({@code tls} is none, starttls or smtps), sender, default
 * recipients, size cap and alert threshold: the {@code mail:} section of patina.yaml. The
 * notifier's {@code SmtpSettings} is only the server part, with the password in plain text;
 * the notifier does not depend on the inventory, so the run translates once (app's RunMail).
 */
public record MailSettings(String host, int port, String tls, String user, Secret password, String from,
    List<String> to, long maxBytes, int alertAfterFailures) {}
