/** The patina command: CLI, run orchestration, scheduler, demo. */
package dev.patina.app;
