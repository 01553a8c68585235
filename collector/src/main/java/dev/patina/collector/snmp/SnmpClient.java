package dev.patina.collector.snmp;

import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.inventory.SnmpSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableUtils;

/**
 * SNMP v1, v2c and v3 (USM with SHA-2 and AES) for one device: GET and GETBULK table walks,
 * within the device's timeout and retries. Failures say what to check: no answer (community,
 * ACL, host), or the agent's own report (unknown user, wrong digest, decryption error).
 */
final class SnmpClient implements AutoCloseable {
  private static final OID USM_STATS = new OID("1.3.6.1.6.3.15.1.1");
  private static final Map<String, String> REPORTS = Map.of(
      "1.3.6.1.6.3.15.1.1.1.0", "unsupported security level",
      "1.3.6.1.6.3.15.1.1.2.0", "not in time window",
      "1.3.6.1.6.3.15.1.1.3.0", "unknown user name",
      "1.3.6.1.6.3.15.1.1.4.0", "unknown engine ID",
      "1.3.6.1.6.3.15.1.1.5.0", "wrong digest (authentication password or protocol)",
      "1.3.6.1.6.3.15.1.1.6.0", "decryption error (privacy password or protocol)");

  private final String device;
  private final String where;
  private final SnmpSettings settings;
  private final Snmp snmp;
  private final Target<Address> target;
  /** The last USM report the agent sent (wrong digest, unknown user, ...), if any. */
  private final java.util.concurrent.atomic.AtomicReference<PDU> lastReport = new java.util.concurrent.atomic.AtomicReference<>();

  private SnmpClient(String device, String where, SnmpSettings settings, Snmp snmp, Target<Address> target) {
    this.device = device;
    this.where = where;
    this.settings = settings;
    this.snmp = snmp;
    this.target = target;
    Snmp.ReportHandler standard = snmp.getReportHandler();
    snmp.setReportHandler(new Snmp.ReportHandler() {
      @Override
      public <A extends Address> void processReport(org.snmp4j.mp.PduHandle handle,
          org.snmp4j.CommandResponderEvent<A> event) {
        if (event.getPDU() != null) lastReport.set(event.getPDU());
        if (standard != null) standard.processReport(handle, event);
      }
    });
  }

  /** Opens a UDP transport for {@code host} with the device's SNMP settings. */
  public static SnmpClient open(String device, String host, SnmpSettings s) throws CollectException {
    try {
      DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
      Snmp snmp = new Snmp(transport);
      Address address = GenericAddress.parse("udp:" + host + "/" + s.port());
      Target<Address> target;
      if (s.version() == 3) {
        SnmpProtocols.register();
        USM usm = new USM(SecurityProtocols.getInstance(), new OctetString(MPv3.createLocalEngineID()), 0);
        ((MPv3) snmp.getMessageProcessingModel(MPv3.ID)).setSecurityModels(new SecurityModels().addSecurityModel(usm));
        OctetString user = new OctetString(s.user());
        usm.addUser(user, new UsmUser(user, SnmpProtocols.auth(s.authProtocol()),
            s.authPassword() == null ? null : new OctetString(s.authPassword().value()),
            SnmpProtocols.priv(s.privProtocol()), s.privPassword() == null ? null : new OctetString(s.privPassword().value())));
        UserTarget<Address> ut = new UserTarget<>();
        ut.setSecurityName(user);
        ut.setSecurityLevel(s.authProtocol() == null ? SecurityLevel.NOAUTH_NOPRIV
            : s.privProtocol() == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
        ut.setVersion(SnmpConstants.version3);
        target = ut;
      } else {
        CommunityTarget<Address> ct = new CommunityTarget<>();
        ct.setCommunity(new OctetString(s.community() == null ? "public" : s.community().value()));
        ct.setVersion(s.version() == 1 ? SnmpConstants.version1 : SnmpConstants.version2c);
        target = ct;
      }
      target.setAddress(address);
      target.setTimeout(s.timeout().toMillis());
      target.setRetries(s.retries());
      transport.listen();
      String version = s.version() == 3 ? "SNMPv3" : s.version() == 1 ? "SNMPv1" : "SNMPv2c";
      return new SnmpClient(device, host + ":" + s.port() + " over " + version, s, snmp, target);
    } catch (IOException | IllegalArgumentException e) {
      throw new CollectException(FailureKind.CONNECT, device + ": cannot open SNMP to " + host + ":" + s.port() + ": "
          + e.getMessage(), e);
    }
  }

  /** Values of scalar OIDs (absent ones are left out). */
  public Map<OID, String> get(List<OID> oids) throws CollectException {
    PDU pdu = settings.version() == 3 ? new ScopedPDU() : new PDU();
    pdu.setType(PDU.GET);
    for (OID o : oids) pdu.add(new VariableBinding(o));
    ResponseEvent<Address> event;
    try {
      event = snmp.send(pdu, target);
    } catch (IOException e) {
      throw new CollectException(FailureKind.CONNECT, device + ": SNMP to " + where + ": " + e.getMessage(), e);
    }
    PDU response = event.getResponse();
    if (response == null && lastReport.get() != null) checkReport(lastReport.get());
    if (response == null) throw noAnswer();
    checkReport(response);
    if (response.getErrorStatus() != PDU.noError) {
      throw new CollectException(FailureKind.PROTOCOL, device + ": SNMP " + where + " answered " + response.getErrorStatusText());
    }
    Map<OID, String> out = new LinkedHashMap<>();
    for (VariableBinding vb : response.getVariableBindings()) {
      if (!vb.getVariable().isException()) out.put(vb.getOid(), SnmpText.of(vb.getVariable()));
    }
    return out;
  }

  /**
   * Rows of a table: index (as dotted text) to column number to value. Empty when the agent
   * does not have the table (MIB not supported).
   */
  public Map<String, Map<Integer, String>> table(OID entry, int... columns) throws CollectException {
    OID[] cols = new OID[columns.length];
    for (int i = 0; i < columns.length; i++) cols[i] = new OID(entry).append(columns[i]);
    TableUtils tables = new TableUtils(snmp, new DefaultPDUFactory(settings.version() == 1 ? PDU.GETNEXT : PDU.GETBULK));
    tables.setMaxNumRowsPerPDU(10);
    List<TableEvent> rows = tables.getTable(target, cols, null, null);
    Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
    for (TableEvent row : rows) {
      if (row.isError()) {
        if (row.getStatus() == TableEvent.STATUS_TIMEOUT) {
          if (lastReport.get() != null) checkReport(lastReport.get());
          throw noAnswer();
        }
        if (row.getReportPDU() != null) checkReport(row.getReportPDU());
        throw new CollectException(FailureKind.PROTOCOL, device + ": SNMP walk of " + entry + " on " + where + ": "
            + row.getErrorMessage());
      }
      if (row.getColumns() == null) continue;
      Map<Integer, String> values = new LinkedHashMap<>();
      for (int i = 0; i < cols.length; i++) {
        VariableBinding vb = row.getColumns()[i];
        if (vb != null && !vb.getVariable().isException()) values.put(columns[i], SnmpText.of(vb.getVariable()));
      }
      out.put(row.getIndex().toDottedString(), values);
    }
    return out;
  }

  private void checkReport(PDU response) throws CollectException {
    if (response.getType() != PDU.REPORT) return;
    List<String> reasons = new ArrayList<>();
    for (VariableBinding vb : response.getVariableBindings()) {
      if (vb.getOid().startsWith(USM_STATS)) reasons.add(REPORTS.getOrDefault(vb.getOid().toDottedString(), vb.getOid().toString()));
    }
    throw new CollectException(FailureKind.AUTH, device + ": SNMPv3 user \"" + settings.user() + "\" refused by " + where + ": "
        + String.join(", ", reasons));
  }

  private CollectException noAnswer() {
    int tries = settings.retries() + 1;
    String check = settings.version() == 3 ? "user, passwords, ACL and host" : "community, ACL and host";
    return new CollectException(FailureKind.CONNECT, String.format(Locale.ROOT,
        "%s: no answer from %s after %d tr%s (timeout %s): check %s", device, where, tries, tries == 1 ? "y" : "ies",
        human(settings.timeout()), check));
  }

  private static String human(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    try {
      snmp.close();
    } catch (IOException ignored) {
      // the socket is gone either way
    }
  }
}
