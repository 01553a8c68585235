package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.collector.netconf.NetconfClient;
import dev.patina.collector.netconf.NetconfLogin;
import dev.patina.collector.netconf.NetconfOptions;
import dev.patina.collector.netconf.NetconfSession;
import dev.patina.sim.os.Netconfd;
import dev.patina.sim.os.OpenSshd;
import dev.patina.store.RepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real NETCONF server (yuma123 netconfd behind OpenSSH) backed up by `patina run`, changed by edit-config. */
class NetconfPipelineSystemTest {
  private static final String IF_NS = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
  private static final String IANA_NS = "urn:ietf:params:xml:ns:yang:iana-if-type";

  @Test
  void anEditConfigBetweenTwoRunsIsOneCommitAndOneDigestWithThatChange(@TempDir Path dir) throws Exception {
    String startup = """
        <config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
          <interfaces xmlns="%s">
            <interface>
              <name>eth0</name>
              <type xmlns:ianaift="%s">ianaift:ethernetCsmacd</type>
              <description>uplink</description>
            </interface>
          </interfaces>
        </config>
        """.formatted(IF_NS, IANA_NS);
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (Netconfd server = Netconfd.start(dir.resolve("netconfd"), startup, List.of("ietf-interfaces", "iana-if-type"))) {
      OpenSshd sshd = server.sshd();
      TestFleet.serviceConfig(dir, smtp.getSmtp().getPort());
      Files.writeString(dir.resolve("devices.yaml"), """
          devices:
            - { name: yuma-1, host: 127.0.0.1, port: %d, model: netconf, username: %s, private-key: %s }
          """.formatted(sshd.port(), OpenSshd.user(), sshd.clientKey()));
      String config = dir.resolve("patina.yaml").toString();

      TestFleet.Result first = TestFleet.run("--config", config, "run");
      assertEquals(0, first.status(), first + server.log());
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        String xml = store.read("yuma-1", "running-config").orElseThrow();
        assertTrue(xml.contains("      <description>uplink</description>\n"), xml);
      }

      try (NetconfSession s = NetconfClient.connect(sshd.host(), sshd.port(),
          NetconfLogin.key(OpenSshd.user(), sshd.clientKey()), new PromiscuousVerifier(),
          NetconfOptions.defaults().withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20)))) {
        s.rpc("""
            <edit-config><target><running/></target><config>
              <interfaces xmlns="%s"><interface><name>eth0</name><description>uplink to core-1</description></interface></interfaces>
            </config></edit-config>""".formatted(IF_NS));
      }

      TestFleet.Result second = TestFleet.run("--config", config, "run");
      assertEquals(0, second.status(), second + server.log());
      assertTrue(second.out().matches("(?s).*changed +yuma-1 +running-config \\+1 -1.*"), second.out());
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        assertEquals(2, store.history().log("yuma-1", 10).size());
        var diff = store.history().diff("yuma-1", null, null);
        assertEquals(List.of("running-config"), diff.stream().map(d -> d.artifact()).toList());
      }
      String mail = EndToEndTest.raw(smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1]);
      assertTrue(mail.contains("-      <description>uplink</description>"), mail);
      assertTrue(mail.contains("+      <description>uplink to core-1</description>"), mail);
    } finally {
      smtp.stop();
    }
  }
}
