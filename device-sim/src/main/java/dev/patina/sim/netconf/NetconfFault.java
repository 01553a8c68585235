package dev.patina.sim.netconf;

/** A misbehaviour of the simulated NETCONF server, applied to the replies after the hello. */
public sealed interface NetconfFault {
  /** Behave. */
  record None() implements NetconfFault {}

  /** Break the framing of the get-config reply: a bad chunk header (base:1.1), or end the stream mid-message (base:1.0). */
  record MalformedFraming() implements NetconfFault {}

  /** Answer get-config with this rpc-error. */
  record RpcError(String type, String tag, String severity, String message) implements NetconfFault {}

  /** Read requests but never answer them (the hello is still sent). */
  record NeverReply() implements NetconfFault {}

  /** Never send a hello. */
  record NoHello() implements NetconfFault {}

  /** Answer get-config with a message-id other than the request's. */
  record WrongMessageId() implements NetconfFault {}

  /** Answer get-config with exactly this message ({@code {message-id}} is replaced), framed normally. */
  record RawReply(String message) implements NetconfFault {}

  static NetconfFault none() {
    return new None();
  }

  static NetconfFault malformedFraming() {
    return new MalformedFraming();
  }

  static NetconfFault rpcError(String tag, String severity, String message) {
    return new RpcError("application", tag, severity, message);
  }

  static NetconfFault neverReply() {
    return new NeverReply();
  }

  static NetconfFault noHello() {
    return new NoHello();
  }

  static NetconfFault wrongMessageId() {
    return new WrongMessageId();
  }

  static NetconfFault rawReply(String message) {
    return new RawReply(message);
  }
}
