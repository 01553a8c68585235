package dev.patina.inventory;

import java.time.Duration;

/** How to reach a device over SNMP: v1, v2c (version 2) or v3 with USM user, auth and privacy. */
public record SnmpSettings(int version, int port, Secret community, String user, String authProtocol,
    Secret authPassword, String privProtocol, Secret privPassword, Duration timeout, int retries) {}
