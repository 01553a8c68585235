/** Benchmarks that print figures: fleet backup, commit and history at scale, diff size. */
package dev.patina.bench;
