package dev.patina.inventory;

import java.util.List;

/** Where digests go: SMTP server ({@code tls} is none, starttls or smtps), sender, default recipients. */
public record MailSettings(String host, int port, String tls, String user, Secret password, String from,
    List<String> to, long maxBytes, int alertAfterFailures) {}
