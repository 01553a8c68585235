/** Normalisation, secret masking, unified diffs, state-document events. */
package dev.patina.diff;
