package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The three NETCONF model files read as YAML, and their settings as NETCONF options. */
class NetconfModelFilesTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(String name) throws Exception {
    try (InputStream in = NetconfModelFilesTest.class.getResourceAsStream("/models/" + name + ".yaml")) {
      assertNotNull(in, name + ".yaml is missing");
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> vars(Map<String, Object> model) {
    Map<String, String> vars = new HashMap<>();
    ((Map<String, Object>) model.get("vars")).forEach((k, v) -> vars.put(k, String.valueOf(v)));
    return vars;
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachModelCollectsRunningConfigAndCapabilitiesOverNetconf() throws Exception {
    for (String name : List.of("netconf", "juniper-junos-netconf", "cisco-iosxe-netconf")) {
      Map<String, Object> m = model(name);
      assertEquals(name, m.get("name"));
      List<Map<String, Object>> artifacts = (List<Map<String, Object>>) m.get("artifacts");
      assertEquals(NetconfCollector.RUNNING_CONFIG, artifacts.get(0).get("name"));
      assertEquals("get-config", artifacts.get(0).get("netconf"));
      assertEquals(NetconfCollector.CAPABILITIES, artifacts.get(1).get("name"));
      assertEquals("capabilities", artifacts.get(1).get("netconf"));
      NetconfOptions o = NetconfModelSettings.options(vars(m), NetconfOptions.defaults());
      assertEquals(64L * 1024 * 1024, o.maxReplyBytes());
      assertEquals(830, NetconfModelSettings.port(vars(m), 22));
      assertEquals(2830, NetconfModelSettings.port(vars(m), 2830));
    }
  }

  @Test
  void junosDropsItsChangeAndCommitStamps() throws Exception {
    NetconfOptions o = NetconfModelSettings.options(vars(model("juniper-junos-netconf")), NetconfOptions.defaults());
    assertEquals(List.of("junos:changed-seconds", "junos:changed-localtime", "junos:commit-seconds",
        "junos:commit-localtime", "junos:commit-user"), o.volatileAttributes().names());
    assertEquals("<configuration/>", o.subtreeFilter());
  }

  @Test
  @SuppressWarnings("unchecked")
  void secretPatternsFindTheValueInCanonicalLines() throws Exception {
    Map<String, List<String>> lines = Map.of(
        "juniper-junos-netconf", List.of("          <encrypted-password>$6$abc$def</encrypted-password>", "$6$abc$def"),
        "cisco-iosxe-netconf", List.of("        <secret>$9$xyz</secret>", "$9$xyz"),
        "netconf", List.of("      <password>hunter2</password>", "hunter2"));
    for (var e : lines.entrySet()) {
      List<Map<String, Object>> artifacts = (List<Map<String, Object>>) model(e.getKey()).get("artifacts");
      Pattern p = Pattern.compile(((List<String>) artifacts.get(0).get("secrets")).get(0));
      Matcher matcher = p.matcher(e.getValue().get(0));
      assertTrue(matcher.find(), e.getKey());
      assertEquals(e.getValue().get(1), matcher.group("secret"), e.getKey());
      assertTrue(!p.matcher("      <name>eth0</name>").find(), e.getKey());
    }
  }

  @Test
  void badSettingsAreErrorsNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetconfModelSettings.options(Map.of("netconf-filter", "<native>"), NetconfOptions.defaults()));
    assertTrue(e.getMessage().startsWith("netconf-filter must be XML"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NetconfModelSettings.port(Map.of("netconf-port", "x"), 22));
    assertTrue(e.getMessage().startsWith("netconf-port must be a whole number"), e.getMessage());
    assertNull(NetconfModelSettings.options(Map.of("netconf-filter", " "), NetconfOptions.defaults()).subtreeFilter());
  }
}
