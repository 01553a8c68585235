/**
 * Patina's HTTP server: server-rendered pages that work without JavaScript, the JSON API under
 * {@code /api/v1}, the oxidized-web routes integrations call, Prometheus {@code /metrics}, and
 * authentication that is on by default beyond loopback.
 */
package dev.patina.web;
