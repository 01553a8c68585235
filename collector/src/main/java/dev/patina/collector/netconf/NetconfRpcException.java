package dev.patina.collector.netconf;

import java.util.List;

/** The server answered an RPC with one or more {@code <rpc-error>} of severity error. */
public final class NetconfRpcException extends NetconfException {
  private final List<RpcError> errors;

  NetconfRpcException(String message, List<RpcError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  /** All rpc-error elements of the reply, warnings included, in document order. */
  public List<RpcError> errors() {
    return errors;
  }
}
