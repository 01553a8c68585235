/**
 * NETCONF over SSH (RFC 6241, RFC 6242) on sshj's {@code netconf} subsystem.
 *
 * <p>{@link dev.patina.collector.netconf.NetconfCollector} produces two artifacts per device:
 * {@code running-config}, the {@code <data>} of {@code <get-config>} of {@code running}
 * (optionally with the model's subtree filter) as {@link dev.patina.collector.netconf.CanonicalXml}
 * text, and {@code netconf-capabilities}, the server's capabilities sorted one per line.
 * {@link dev.patina.collector.netconf.NetconfSession} speaks the protocol: hello, base:1.0
 * end-of-message or base:1.1 chunked framing (chunked when both sides advertise base:1.1),
 * message-id matching, rpc-errors as {@link dev.patina.collector.netconf.NetconfRpcException},
 * a deadline and a size limit per reply, and XML parsing that refuses DOCTYPEs. Every failure is
 * a subtype of {@link dev.patina.collector.netconf.NetconfException}.
 */
package dev.patina.collector.netconf;
