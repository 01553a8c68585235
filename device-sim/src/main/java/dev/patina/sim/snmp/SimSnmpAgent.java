package dev.patina.sim.snmp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A simulated SNMPv2c agent on a loopback UDP port: GET, GETNEXT and GETBULK over a MIB that
 * tests fill and change while it runs (system group, IF-MIB, VRRP-MIB, VRRPv3-MIB,
 * IEEE8023-LAG-MIB rows). A wrong community gets no answer, as from a real agent.
 */
public final class SimSnmpAgent implements CommandResponder, AutoCloseable {
  private final ConcurrentSkipListMap<OID, Variable> mib = new ConcurrentSkipListMap<>();
  private final String community;
  private final Snmp snmp;
  private final int port;

  private SimSnmpAgent(String community, Snmp snmp, int port) {
    this.community = community;
    this.snmp = snmp;
    this.port = port;
  }

  /** Listens on 127.0.0.1, a free UDP port. */
  public static SimSnmpAgent start(String community) throws IOException {
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
    Snmp snmp = new Snmp(transport);
    SimSnmpAgent agent = new SimSnmpAgent(community, snmp, transport.getListenAddress().getPort());
    snmp.addCommandResponder(agent);
    transport.listen();
    return agent;
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  public SimSnmpAgent set(String oid, Variable value) {
    mib.put(new OID(oid), value);
    return this;
  }

  /** Removes every object below {@code prefix}. */
  public SimSnmpAgent remove(String prefix) {
    OID p = new OID(prefix);
    mib.keySet().removeIf(o -> o.startsWith(p));
    return this;
  }

  public SimSnmpAgent system(String descr, String objectId, String name) {
    set("1.3.6.1.2.1.1.1.0", new OctetString(descr));
    set("1.3.6.1.2.1.1.2.0", new OID(objectId));
    set("1.3.6.1.2.1.1.3.0", new org.snmp4j.smi.TimeTicks(4242));
    set("1.3.6.1.2.1.1.4.0", new OctetString("netops@example.net"));
    set("1.3.6.1.2.1.1.5.0", new OctetString(name));
    return set("1.3.6.1.2.1.1.6.0", new OctetString("lab"));
  }

  /** An IF-MIB row (ifTable and ifXTable). */
  public SimSnmpAgent iface(int index, String name, boolean up) {
    set("1.3.6.1.2.1.2.2.1.2." + index, new OctetString(name));
    set("1.3.6.1.2.1.2.2.1.3." + index, new Integer32(6));
    set("1.3.6.1.2.1.2.2.1.5." + index, new org.snmp4j.smi.Gauge32(1_000_000_000L));
    set("1.3.6.1.2.1.2.2.1.7." + index, new Integer32(1));
    set("1.3.6.1.2.1.2.2.1.8." + index, new Integer32(up ? 1 : 2));
    set("1.3.6.1.2.1.2.2.1.10." + index, new org.snmp4j.smi.Counter32(123456));
    set("1.3.6.1.2.1.31.1.1.1.1." + index, new OctetString(name));
    return set("1.3.6.1.2.1.31.1.1.1.15." + index, new org.snmp4j.smi.Gauge32(1000));
  }

  /** A VRRP-MIB (RFC 2787) virtual router: state 1 initialize, 2 backup, 3 master. */
  public SimSnmpAgent vrrp(int ifIndex, int vrid, int state, int priority, String master, String... virtuals) {
    String row = ifIndex + "." + vrid;
    set("1.3.6.1.2.1.68.1.3.1.3." + row, new Integer32(state));
    set("1.3.6.1.2.1.68.1.3.1.5." + row, new Integer32(priority));
    set("1.3.6.1.2.1.68.1.3.1.7." + row, new IpAddress(master));
    set("1.3.6.1.2.1.68.1.3.1.9." + row, new Integer32(1));
    remove("1.3.6.1.2.1.68.1.4.1.2." + row);
    for (String v : virtuals) set("1.3.6.1.2.1.68.1.4.1.2." + row + "." + v, new Integer32(1));
    return this;
  }

  /** A VRRPv3-MIB (RFC 6527) IPv4 virtual router. */
  public SimSnmpAgent vrrpv3(int ifIndex, int vrid, int state, int priority, String master, String... virtuals) {
    String row = ifIndex + "." + vrid + ".1";
    set("1.3.6.1.2.1.207.1.1.1.3." + row, OctetString.fromByteArray(new IpAddress(master).toByteArray()));
    set("1.3.6.1.2.1.207.1.1.1.6." + row, new Integer32(state));
    set("1.3.6.1.2.1.207.1.1.1.7." + row, new Integer32(priority));
    remove("1.3.6.1.2.1.207.1.2.1.2." + row);
    for (String v : virtuals) set("1.3.6.1.2.1.207.1.2.1.2." + row + ".4." + v, new Integer32(1));
    return this;
  }

  /** An IEEE8023-LAG-MIB aggregator (dot3adAggTable row). */
  public SimSnmpAgent lagAggregator(int ifIndex, String mac, int actorKey, String partnerSystem, int partnerKey) {
    set("1.2.840.10006.300.43.1.1.1.1.2." + ifIndex, OctetString.fromHexString(mac, ':'));
    set("1.2.840.10006.300.43.1.1.1.1.7." + ifIndex, new Integer32(actorKey));
    set("1.2.840.10006.300.43.1.1.1.1.8." + ifIndex, OctetString.fromHexString(partnerSystem, ':'));
    return set("1.2.840.10006.300.43.1.1.1.1.10." + ifIndex, new Integer32(partnerKey));
  }

  /** A LAG member port (dot3adAggPortTable row); states are LACP state octets. */
  public SimSnmpAgent lagPort(int ifIndex, int aggregator, int actorKey, int actorState, int partnerState) {
    String p = "1.2.840.10006.300.43.1.2.1.1.";
    set(p + "5." + ifIndex, new Integer32(actorKey));
    set(p + "9." + ifIndex, OctetString.fromHexString("00:1b:17:00:01:10", ':'));
    set(p + "11." + ifIndex, new Integer32(actorKey));
    set(p + "12." + ifIndex, new Integer32(aggregator));
    set(p + "13." + ifIndex, new Integer32(aggregator));
    set(p + "21." + ifIndex, new OctetString(new byte[] {(byte) actorState}));
    return set(p + "23." + ifIndex, new OctetString(new byte[] {(byte) partnerState}));
  }

  /** The port leaves its aggregator (row gone, as when LACP drops it). */
  public SimSnmpAgent removeLagPort(int ifIndex) {
    for (int column : new int[] {5, 9, 11, 12, 13, 21, 23}) {
      mib.remove(new OID("1.2.840.10006.300.43.1.2.1.1." + column + "." + ifIndex));
    }
    return this;
  }

  @Override
  public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
    if (event.getPDU() == null || !community.equals(new String(event.getSecurityName()))) return;
    PDU request = event.getPDU();
    PDU response = new PDU();
    response.setType(PDU.RESPONSE);
    response.setRequestID(request.getRequestID());
    switch (request.getType()) {
      case PDU.GET -> request.getVariableBindings().forEach(vb -> {
        Variable v = mib.get(vb.getOid());
        response.add(new VariableBinding(vb.getOid(), v == null ? Null.noSuchObject : v));
      });
      case PDU.GETNEXT -> request.getVariableBindings().forEach(vb -> response.add(next(vb.getOid())));
      case PDU.GETBULK -> {
        int nonRepeaters = Math.max(0, request.getNonRepeaters());
        var vbs = request.getVariableBindings();
        for (int i = 0; i < Math.min(nonRepeaters, vbs.size()); i++) response.add(next(vbs.get(i).getOid()));
        OID[] cursor = vbs.subList(Math.min(nonRepeaters, vbs.size()), vbs.size()).stream()
            .map(VariableBinding::getOid).toArray(OID[]::new);
        for (int rep = 0; rep < Math.max(1, request.getMaxRepetitions()) && cursor.length > 0; rep++) {
          for (int k = 0; k < cursor.length; k++) {
            VariableBinding next = next(cursor[k]);
            response.add(next);
            cursor[k] = next.getOid();
          }
        }
      }
      default -> {
        response.setErrorStatus(PDU.genErr);
      }
    }
    event.setProcessed(true);
    try {
      event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
          event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
          event.getStateReference(), new StatusInformation());
    } catch (org.snmp4j.MessageException e) {
      // the client will time out; nothing else to do for a simulator
    }
  }

  private VariableBinding next(OID after) {
    Map.Entry<OID, Variable> e = mib.higherEntry(after);
    return e == null ? new VariableBinding(after, Null.endOfMibView) : new VariableBinding(e.getKey(), e.getValue());
  }

  @Override
  public void close() throws IOException {
    snmp.close();
  }
}
