package dev.patina.app.changes;

import dev.patina.collector.snmp.SnmpProtocols;
import dev.patina.inventory.ChangeSettings;
import dev.patina.inventory.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP notifications: v1 traps and v2c traps and informs with an accepted community,
 * v3 traps and informs from a configured USM user at the user's security level or above
 * (snmp4j's USM checks the keys). Informs are answered. Each accepted notification becomes an
 * {@link Announcement}; the rest are dropped and counted as refused.
 */
final class TrapListener implements AutoCloseable, CommandResponder {
  static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");
  static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
  /** snmpTrapAddress.0 (RFC 3584): the original agent's address when a proxy forwards a notification. */
  static final OID SNMP_TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");

  private final List<byte[]> communities;
  private final Map<String, Integer> userLevels = new HashMap<>();
  private final Consumer<Announcement> inbox;
  private final ChangeCounters counters;
  private final int max;
  private Snmp snmp;
  private DefaultUdpTransportMapping transport;

  private TrapListener(ChangeSettings.Traps settings, int max, Consumer<Announcement> inbox, ChangeCounters counters) {
    this.communities = settings.communities().stream().map(Secret::value)
        .map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    this.inbox = inbox;
    this.counters = counters;
    this.max = max;
  }

  static TrapListener start(ChangeSettings.Traps settings, int max, Consumer<Announcement> inbox,
      ChangeCounters counters) throws IOException {
    TrapListener l = new TrapListener(settings, max, inbox, counters);
    SnmpProtocols.register();
    OctetString engineId = new OctetString(MPv3.createLocalEngineID());
    USM usm = new USM(SecurityProtocols.getInstance(), engineId, 0);
    for (ChangeSettings.User u : settings.users()) {
      OID auth = SnmpProtocols.auth(u.authProtocol());
      OID priv = SnmpProtocols.priv(u.privProtocol());
      // no engine id: localized for whichever engine sends (the sender of a trap is authoritative)
      usm.addUser(new OctetString(u.name()), new UsmUser(new OctetString(u.name()), auth,
          u.authKey() == null ? null : new OctetString(u.authKey().value()), priv,
          u.privKey() == null ? null : new OctetString(u.privKey().value()), UsmUser.LocalizationGrant.incoming));
      l.userLevels.put(u.name(), priv != null ? SecurityLevel.AUTH_PRIV : auth != null ? SecurityLevel.AUTH_NOPRIV
          : SecurityLevel.NOAUTH_NOPRIV);
    }
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addMessageProcessingModel(new MPv1());
    dispatcher.addMessageProcessingModel(new MPv2c());
    dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), null, SecurityProtocols.getInstance(),
        SecurityModels.getCollection(new SecurityModel[] {usm}), CounterSupport.getInstance()));
    ChangeSettings.Listen where = settings.listen();
    try {
      l.transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(where.host()), where.port()));
      l.snmp = new Snmp(dispatcher, l.transport);
      l.snmp.addCommandResponder(l);
      l.transport.listen();
    } catch (IOException e) {
      l.close();
      throw new ListenException("cannot listen for SNMP notifications on " + where + ": " + e.getMessage()
          + " (snmptrapd running? ports below 1024 need root or CAP_NET_BIND_SERVICE)", e);
    }
    return l;
  }

  int port() {
    return transport.getListenAddress().getPort();
  }

  @Override
  public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> e) {
    counters.received.incrementAndGet();
    PDU pdu = e.getPDU();
    if (pdu == null || !(e.getPeerAddress() instanceof IpAddress peer)) {
      counters.malformed.incrementAndGet();
      return;
    }
    e.setProcessed(true);
    if (!accepted(e)) {
      counters.refused.incrementAndGet();
      return;
    }
    int type = pdu.getType();
    if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) {
      counters.malformed.incrementAndGet(); // a get or set sent to the notification port
      return;
    }
    if (type == PDU.INFORM) acknowledge(e);
    Map<String, String> varbinds = new LinkedHashMap<>();
    String trapOid = null;
    for (VariableBinding vb : pdu.getVariableBindings()) {
      if (vb.getOid().equals(SNMP_TRAP_OID)) trapOid = vb.getVariable().toString();
      else varbinds.put(vb.getOid().toDottedString(), text(vb));
    }
    InetAddress from = ((IpAddress) peer).getInetAddress();
    if (pdu instanceof PDUv1 v1) {
      // RFC 3584: an enterprise-specific v1 trap is ENTERPRISE.0.SPECIFIC
      trapOid = v1.getGenericTrap() == PDUv1.ENTERPRISE_SPECIFIC
          ? v1.getEnterprise().toDottedString() + ".0." + v1.getSpecificTrap()
          : "1.3.6.1.6.3.1.1.5." + (v1.getGenericTrap() + 1);
      varbinds.put(SNMP_TRAP_ADDRESS.toDottedString(), v1.getAgentAddress().toString());
    }
    if (trapOid == null) {
      counters.malformed.incrementAndGet();
      return;
    }
    String relayed = varbinds.get(SNMP_TRAP_ADDRESS.toDottedString());
    String via = (type == PDU.INFORM ? "inform " : "trap ") + version(e.getMessageProcessingModel());
    StringBuilder text = new StringBuilder(trapOid);
    varbinds.forEach((k, v) -> {
      if (!k.equals(SYS_UP_TIME.toDottedString())) text.append(' ').append(k).append('=').append(v);
    });
    String line = text.length() > max ? text.substring(0, max) : text.toString();
    inbox.accept(new Announcement(via, from, relayed, line, trapOid, Map.copyOf(varbinds), System.nanoTime()));
  }

  private boolean accepted(CommandResponderEvent<?> e) {
    int model = e.getMessageProcessingModel();
    if (model == MessageProcessingModel.MPv3) {
      String user = new String(e.getSecurityName(), StandardCharsets.UTF_8);
      Integer level = userLevels.get(user);
      return level != null && e.getSecurityLevel() >= level;
    }
    for (byte[] c : communities) {
      if (Arrays.equals(c, e.getSecurityName())) return true;
    }
    return false;
  }

  private static <A extends org.snmp4j.smi.Address> void acknowledge(CommandResponderEvent<A> e) {
    PDU response = (PDU) e.getPDU().clone();
    response.setType(PDU.RESPONSE);
    response.setErrorStatus(PDU.noError);
    response.setErrorIndex(0);
    try {
      e.getMessageDispatcher().returnResponsePdu(e.getMessageProcessingModel(), e.getSecurityModel(),
          e.getSecurityName(), e.getSecurityLevel(), response, e.getMaxSizeResponsePDU(), e.getStateReference(),
          new StatusInformation());
    } catch (MessageException ex) {
      // the sender retries; the notification itself was received
    }
  }

  private static String text(VariableBinding vb) {
    if (vb.getVariable() instanceof OctetString s && s.isPrintable()) return s.toString();
    return vb.getVariable().toString();
  }

  private static String version(int model) {
    return switch (model) {
      case MessageProcessingModel.MPv1 -> "v1";
      case MessageProcessingModel.MPv2c -> "v2c";
      default -> "v3";
    };
  }

  @Override
  public void close() {
    try {
      if (snmp != null) snmp.close();
      else if (transport != null) transport.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
