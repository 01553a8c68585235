package dev.patina.cluster;

/** Why a node cannot join the cluster, worded for the operator (what is wrong, what to do). */
public final class ClusterStartException extends Exception {
  public ClusterStartException(String message) {
    super(message);
  }

  public ClusterStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
