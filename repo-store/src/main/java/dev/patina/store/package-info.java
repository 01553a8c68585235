/** The git repository of device snapshots (JGit): commit, history, lock, housekeeping. */
package dev.patina.store;
