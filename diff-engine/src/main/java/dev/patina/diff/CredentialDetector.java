package dev.patina.diff;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds credential values in configuration text whatever the vendor: the value that follows a
 * credential keyword ({@code password}, {@code secret}, {@code key}, {@code community},
 * SNMPv3 {@code auth}/{@code priv}, {@code key=value} forms, XML elements such as
 * {@code <password>}), password hashes ({@code $1$}, {@code $6$}, {@code $9$}, ...), Junos
 * {@code ## SECRET-DATA} lines, URL passwords and PEM private-key blocks. It runs after a
 * model's own patterns on every line of every artifact (deny by default).
 *
 * <p>A line is split into words once (quoted strings are one word, {@code name="a b"} is one
 * word); a keyword then skips type and algorithm words ({@code 0 5 7 md5 sha512 cipher
 * ciphertext ascii-text ...}) and takes the next word as the value, unless that word says the
 * line is not a credential at all ({@code password encryption aes}, {@code key chain KC1},
 * {@code key 1}). Words after the value ({@code 7}, {@code role network-admin},
 * {@code authentication accounting}) are left alone. No regex: one pass over the words, so the
 * cost is linear in the line, and lines without any of a few short strings are never split
 * ({@link #FILTER}).
 *
 * <p>A few credentials carry no keyword and are known by the block they sit in: a bare
 * {@code authentication STRING} inside an HSRP/VRRP block, the {@code set name} of a FortiOS SNMP
 * community, the {@code "name"} inside a JSON {@code "communities"} object. {@link State} follows
 * those blocks (by indent, or by FortiOS {@code config}/{@code end}); only the lines inside one are
 * looked at beyond the filter.
 */
public final class CredentialDetector {
  /** What a line must contain for this detector to look at it (case ignored). */
  static final RequiredLiteral.Filter FILTER = RequiredLiteral.Filter.anyOf(List.of("pass", "secr", "key", "psk",
      "cak", "commun", "auth", "priv", "://", "$1", "$2", "$5", "$6", "$7", "$8", "$9", "$h", "$c", "$y", "$s",
      "$m", "$p", "hsrp", "vrrp", "snmp-server host", "mgmtuser", "netuser", "mgmt-user", "-pw", " ENC ", "config radius ", "config tacacs ", "encrypt-aes", "encrypt-des", "plaintext", "cyphered", "ciphered", "<prv>", "<tls>", "otp_seed", "bindpw", "_control"), true);

  /** Keywords whose value follows, after optional type words. */
  private static final Set<String> KEYWORDS = Set.of("password", "passwd", "secret", "key-string", "pre-shared-key",
      "preshared-key", "pre-shared-secret", "passphrase", "authentication-key", "message-digest-key",
      "encrypted-password", "plaintext-password", "encrypted-key", "encrypted-secret", "encrypted-cak", "cak",
      "key-value", "psksecret", "ppk-secret", "phash", "privacy", "server-key", "shared-key", "password-hashed", "community-string", "priv-key", "auth_pass", "auth-pass", "priv-pass", "authentication-mode", "privacy-mode", "shared-secret",
      "simple-password", "auth-key", "md5-key", "tcp-md5-key", "private-key", "secret-key", "privacy-key",
      "rocommunity", "rwcommunity", "rocommunity6", "rwcommunity6", "community", "key", "auth", "priv",
      "authentication", "set-key", "wpa-psk", "wpa-passphrase", "wpa-password", "wpa-wep-key0", "wpa-wep-key1",
      "wpa-wep-key2", "wpa-wep-key3", "wireless-key", "text-authentication", "simple-text-auth", "md5-auth",
      "auth-prot", "priv-prot", "pre-share", "virtual-controller-key", "radius-key", "community-name", "authpwd",
      "privpwd", "authentication-type", "psk", "plaintext-key", "trap-community", "readonly-community",
      "readwrite-community", "ro-community", "rw-community", "cpwd", "epwd", "shared_key", "secret-key-hashed");
  /** A word ending in "-" or "_" and one of these is a keyword too ({@code ldap-login-password}, {@code wpa_passphrase}). */
  private static final List<String> SUFFIXES = List.of("password", "passwd", "pass", "secret", "passphrase", "psk",
      "pre-shared-key", "preshared-key", "authentication-key", "auth-key", "md5-key", "key-string", "private-key",
      "cak", "passwords", "pw", "pwd", "pass-phrase", "pass-phrase-hashed", "community-string", "password-hashed");
  /** Keywords that name no credential as {@code name=value} (RouterOS {@code auth=md5}). */
  private static final Set<String> KV_NOT_KEYWORDS = Set.of("auth", "priv", "privacy", "authentication",
      "community", "authentication-type");
  /** Keywords whose value runs to the end of the line (it may hold spaces: Catalyst 9800 {@code set-key}). */
  private static final Set<String> TO_END_OF_LINE = Set.of("set-key", "wpa-psk", "wpa-passphrase", "wpa-password",
      "wpa-private-key-passwd", "wpa-wep-key0", "wpa-wep-key1", "wpa-wep-key2", "wpa-wep-key3", "wireless-key");
  /** Elements inside an open credential element that hold its type or name, not its value. */
  private static final Set<String> XML_NOT_VALUE = Set.of("encryption", "enc-type", "type", "algorithm", "name",
      "key-id", "id", "format");
  /** Type, encoding and algorithm words between a keyword and its value. */
  private static final Set<String> TYPE_WORDS = Set.of("md5", "sha", "sha1", "sha-1", "sha2", "sha224", "sha256",
      "sha-256", "sha384", "sha512", "sha-512", "hmac-md5", "hmac-sha1", "hmac-sha-1", "hmac-sha256", "ietf-md5",
      "cipher", "simple", "plain", "hash", "hashed", "ciphertext", "plaintext", "encrypted", "unencrypted", "ascii",
      "hex", "ascii-text", "hexadecimal", "hexadecimal-text", "enc", "text", "clear", "cleartext", "aes", "aes128",
      "aes-128", "aes192", "aes-192", "aes256", "aes-256", "des", "des56", "3des", "local", "remote", "scrypt",
      "type", "value", "irreversible-cipher", "encrypt");
  /** Words that, after a credential keyword on the same line, are followed by another value ({@code sha256 "V"}). */
  private static final Set<String> CONTEXT_WORDS = Set.of("md5", "sha", "sha1", "sha-1", "sha224", "sha256",
      "sha-256", "sha384", "sha512", "sha-512", "cipher", "simple", "hash", "hashed", "plaintext", "ciphertext",
      "encrypted", "ascii-text", "hexadecimal", "hexadecimal-text", "aes128", "aes192", "aes256", "des56", "3des");
  private static final Set<String> SNMP_AUTH = Set.of("md5", "sha", "sha1", "sha-1", "sha224", "sha256", "sha384",
      "sha512", "sha-256", "sha-512");
  private static final Set<String> SNMP_PRIV = Set.of("aes", "aes128", "aes-128", "aes192", "aes-192", "aes256",
      "aes-256", "des", "des56", "3des", "aes-192-cfb", "aes-256-cfb", "aes128-cfb");
  /** FASTPATH {@code snmp-server user U G auth-sha PW priv-des PW}: words followed by a key. */
  private static final Set<String> SNMP_USER_KEYS = Set.of("auth-md5", "auth-sha", "auth-md5-key", "auth-sha-key",
      "priv-des", "priv-des-key", "priv-aes128", "priv-aes128-key", "priv-3des", "priv-3des-key");
  /** A keyword followed by one of these is not followed by a value: {@code password encryption aes}. */
  private static final Set<String> NOT_A_VALUE = Set.of("encryption", "encryption-key", "strength-check",
      "minimum-length", "min-length", "maximum-length", "length", "complexity", "policy", "history", "lifetime",
      "aging", "recovery", "chain", "key-chain", "key-id", "keyid", "message-digest", "generate", "zeroize", "export", "import", "config-key", "address",
      "prompt", "required", "format", "options", "storage", "label", "none", "change", "reuse", "restriction",
      "attempts", "lockout", "expire", "expiry", "expiration", "warning", "interval", "timeout", "manager",
      "operator", "user-name", "privilege", "role", "level", "read", "write", "read-only", "read-write", "add",
      "set", "print", "remove", "edit", "find", "authentication", "accounting", "authorization", "rsa", "dsa",
      "ecdsa", "ed25519", "secure-mode", "scheme", "keychain", "null", "true", "false", "enable", "disable", "acct",
      // words of Patina's own messages ("check the username, password or key in devices.yaml")
      "or", "and", "the", "for", "by", "of", "to", "in", "is", "was", "not", "with", "rejected", "refused",
      "given", "incorrect", "wrong", "expired", "missing", "minimum", "maximum", "use-vrf", "filter-vrf", "source-interface");
  /** BGP community values (route maps, policy), never an SNMP community. */
  private static final Set<String> BGP_COMMUNITIES = Set.of("no-export", "no-advertise", "local-as", "internet",
      "additive", "gshut", "graceful-shutdown", "large", "extended", "standard", "expanded", "list", "members");

  /**
   * Commands whose credential has no keyword before it, word by word: a literal word, {@code _}
   * any word, {@code V} the value, {@code E} the value when it looks encoded (long hex or padded
   * base64). A line that starts so is masked by its form alone (AireOS {@code config netuser add
   * U PW}, {@code config snmp community create NAME}, ArubaOS {@code mgmt-user U ROLE HASH}).
   */
  private static final List<String[]> POSITIONAL = java.util.stream.Stream.of(
      "config mgmtuser add _ V", "config mgmtuser password _ V", "config netuser add _ V",
      "config netuser password _ V", "config snmp community create V", "config snmp community accessmode _ V",
      "config snmp community ipaddr _ _ V", "config snmp community mode _ V", "config snmp v3user create _ _ _ _ V V",
      "config radius auth add _ _ _ _ V", "config radius acct add _ _ _ _ V", "config tacacs auth add _ _ _ _ V",
      "config tacacs acct add _ _ _ _ V", "config tacacs athr add _ _ _ _ V",
      "config wlan security wpa akm psk set-key _ V", "mgmt-user _ _ E").map(f -> f.split(" ")).toList();

  private static final CredentialDetector STANDARD = new CredentialDetector();

  private CredentialDetector() {}

  /** The detector every artifact passes. */
  public static CredentialDetector standard() {
    return STANDARD;
  }

  /** A line of stored text that holds a credential in clear: its number (from 1) and the line with each such value replaced by {@code <unmasked>}. */
  public record Finding(int line, String shape) {}

  private static final LineScan SCAN = new LineScan(List.of(FILTER));

  /**
   * The lines of already stored text where the detector finds a value that is not a
   * {@code <secret:...>} tag: what an older release stored in clear ({@code patina secrets audit}).
   * The values themselves are not returned.
   */
  public List<Finding> unmasked(String text) {
    return unmasked(text, CleanupRules.none());
  }

  /** As {@link #unmasked(String)}, leaving alone what the model's not-secret patterns in {@code rules} keep. */
  public List<Finding> unmasked(String text, CleanupRules rules) {
    List<Finding> out = new java.util.ArrayList<>();
    State state = new State();
    Spans spans = new Spans();
    int n = text.length();
    int start = 0;
    int number = 0;
    while (start < n) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      number++;
      if (state.active() || SCAN.scan(text, start, end) != 0) {
        String line = text.substring(start, end);
        spans.clear();
        find(line, state, spans);
        String shape = shape(line, spans, rules.kept(line));
        if (shape != null) out.add(new Finding(number, shape));
      }
      if (nl < 0) break;
      start = nl + 1;
    }
    return out;
  }

  /** The line with each span that is not a tag replaced by {@code <unmasked>}, or null when there is none. */
  private static String shape(String line, Spans spans, int[][] kept) {
    long[] packed = new long[spans.size / 2];
    for (int i = 0; i < packed.length; i++) packed[i] = (long) spans.at[2 * i] << 32 | spans.at[2 * i + 1];
    java.util.Arrays.sort(packed);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    boolean any = false;
    for (long p : packed) {
      int s = (int) (p >>> 32);
      int e = (int) p;
      if (s < last || line.startsWith("<secret:", s) || CleanupRules.inside(kept, s, e)) continue;
      sb.append(line, last, s).append("<unmasked>");
      last = e;
      any = true;
    }
    return any ? sb.append(line, last, line.length()).toString() : null;
  }

  /** What the detector carries from one line to the next of a text: a PEM block, an open XML element. */
  static final class State {
    boolean pem;
    /** The PEM block is a quoted config value ({@code set private-key "-----BEGIN ...}): it ends at the closing quote. */
    boolean pemQuoted;
    String xmlOpen;
    /** Indent of a YAML credential key with no value ("auth-sha:"): the next, deeper key is its value; -1 if none. */
    int yamlParent = -1;
    /** Indent of an HSRP/VRRP block's first line ("router hsrp", "hsrp 1"): deeper lines are inside it; -1 if none. */
    int redundancyIndent = -1;
    /** Inside a FortiOS SNMP community table: 1 at its entries, more in a nested "config hosts"; 0 outside. */
    int fortiCommunity;
    /** Indent of a JSON/YAML "communities" key (Eaton Network-M3): a "name" deeper inside is a community; -1 if none. */
    int communitiesIndent = -1;

    boolean active() {
      return pem || xmlOpen != null || yamlParent >= 0 || redundancyIndent >= 0 || fortiCommunity > 0
          || communitiesIndent >= 0;
    }
  }

  /** The spans of credential values found in a line, as start/end pairs in order of discovery. */
  static final class Spans {
    int[] at = new int[16];
    int size;

    void add(int start, int end) {
      if (end <= start) return;
      if (size + 2 > at.length) at = java.util.Arrays.copyOf(at, at.length * 2);
      at[size++] = start;
      at[size++] = end;
    }

    void clear() {
      size = 0;
    }
  }

  /** The line's words: bounds of each word and of its value (inside quotes, after '='). */
  private static final class Words {
    int n;
    int redundancy = -1;
    /** The line is inside an HSRP/VRRP block: a bare "authentication STRING" is its key. */
    boolean inRedundancyBlock;
    int[] start = new int[32];
    int[] end = new int[32];
    int[] vStart = new int[32];
    int[] vEnd = new int[32];
    int[] eq = new int[32];
    boolean[] quoted = new boolean[32];
    String[] word = new String[32];

    void add(int s, int e, int vs, int ve, int equals, boolean q, String w) {
      if (n == start.length) {
        int m = n * 2;
        start = java.util.Arrays.copyOf(start, m);
        end = java.util.Arrays.copyOf(end, m);
        vStart = java.util.Arrays.copyOf(vStart, m);
        vEnd = java.util.Arrays.copyOf(vEnd, m);
        eq = java.util.Arrays.copyOf(eq, m);
        quoted = java.util.Arrays.copyOf(quoted, m);
        word = java.util.Arrays.copyOf(word, m);
      }
      start[n] = s;
      end[n] = e;
      vStart[n] = vs;
      vEnd[n] = ve;
      eq[n] = equals;
      quoted[n] = q;
      word[n] = w;
      n++;
    }
  }

  /** Every credential value of {@code line} as spans (a line seen through {@link #FILTER}, or any line in state). */
  void find(String line, State state, Spans out) {
    if (state.pem) {
      if (line.contains("-----END")) {
        state.pem = false;
        int close = line.indexOf('"');
        if (state.pemQuoted && close > 0) { // the footer is still inside the quoted value
          int s = 0;
          while (s < close && Character.isWhitespace(line.charAt(s))) s++;
          out.add(s, close);
        }
        state.pemQuoted = false;
      } else {
        int s = 0;
        int e = line.length();
        while (s < e && Character.isWhitespace(line.charAt(s))) s++;
        out.add(s, e); // a line of the key's body
      }
      return;
    }
    if (line.contains("-----BEGIN") && line.toUpperCase(Locale.ROOT).contains("PRIVATE KEY")
        && !line.contains("-----END")) {
      state.pem = true;
      state.pemQuoted = line.contains("\"-----BEGIN");
    }
    if (state.yamlParent >= 0) {
      int indent = yamlChild(line, state.yamlParent, out);
      state.yamlParent = -1;
      if (indent >= 0) return;
    }
    boolean inRedundancyBlock = redundancyBlock(line, state);
    if (fortiCommunity(line, state, out)) return;
    if (communities(line, state, out)) return;
    if (colonPair(line, state, out)) return;
    if (line.indexOf('<') >= 0) xml(line, state, out);
    Words w = words(line);
    w.inRedundancyBlock = inRedundancyBlock;
    int before = out.size;
    scan(line, w, out);
    if (out.size == before && line.contains("## SECRET-DATA")) secretData(line, w, out);
  }

  /**
   * Follows HSRP/VRRP blocks by indent: IOS XR "router hsrp" / "hsrp 1" / "authentication STRING",
   * NX-OS "hsrp 10" / "authentication STRING". True when {@code line} is inside one (deeper than
   * the block's first line). Blank lines change nothing.
   */
  private static boolean redundancyBlock(String line, State state) {
    int n = line.length();
    int indent = 0;
    while (indent < n && line.charAt(indent) == ' ') indent++;
    if (indent == n) return state.redundancyIndent >= 0;
    if (state.redundancyIndent >= 0) {
      if (indent > state.redundancyIndent) return true;
      state.redundancyIndent = -1;
    }
    int at = line.startsWith("router ", indent) ? indent + 7 : indent;
    if ((line.startsWith("hsrp", at) || line.startsWith("vrrp", at)) && (at + 4 == n || line.charAt(at + 4) == ' ')) {
      state.redundancyIndent = indent;
    }
    return false;
  }

  private static final String FORTI_COMMUNITY = "config system snmp community";
  private static final String FORTI_SWITCH_COMMUNITY = "config switch-controller snmp-community";

  /**
   * FortiOS SNMP communities (FortiGate, FortiManager, the FortiSwitch communities a FortiGate
   * manages): the community is the {@code set name} of each entry of
   * {@code config system snmp community}. Follows the table by its {@code config}/{@code end}
   * lines; true when the line was such a name (masked).
   */
  private static boolean fortiCommunity(String line, State state, Spans out) {
    int n = line.length();
    int s = 0;
    while (s < n && Character.isWhitespace(line.charAt(s))) s++;
    int e = n;
    while (e > s && Character.isWhitespace(line.charAt(e - 1))) e--;
    if (state.fortiCommunity == 0) {
      if (e - s == FORTI_COMMUNITY.length() && line.startsWith(FORTI_COMMUNITY, s)
          || e - s == FORTI_SWITCH_COMMUNITY.length() && line.startsWith(FORTI_SWITCH_COMMUNITY, s)) {
        state.fortiCommunity = 1;
      }
      return false;
    }
    if (line.startsWith("config ", s)) {
      state.fortiCommunity++;
    } else if (e - s == 3 && line.startsWith("end", s)) {
      state.fortiCommunity--;
    } else if (state.fortiCommunity == 1 && line.startsWith("set name ", s)) {
      int v = s + 9;
      while (v < e && line.charAt(v) == ' ') v++;
      maskValue(line, v, e, out);
      return true;
    }
    return false;
  }

  /**
   * SNMP communities named by a {@code name} key inside a JSON or YAML {@code communities} object
   * (Eaton Network-M3 {@code "communities": {"readOnly": {"name": "public", ...}}}): followed by
   * indent, as pretty-printed; true when the line was such a name (masked).
   */
  private static boolean communities(String line, State state, Spans out) {
    int n = line.length();
    int indent = 0;
    while (indent < n && line.charAt(indent) == ' ') indent++;
    if (indent == n) return false;
    int k = line.startsWith("- ", indent) ? indent + 2 : indent;
    boolean quoted = k < n && line.charAt(k) == '"';
    int ks = quoted ? k + 1 : k;
    if (state.communitiesIndent >= 0) {
      if (indent <= state.communitiesIndent) {
        state.communitiesIndent = -1;
      } else {
        int colon = keyEnd(line, ks, "name", quoted);
        if (colon < 0) return false;
        int vs = colon + 1;
        while (vs < n && line.charAt(vs) == ' ') vs++;
        int ve = n;
        while (ve > vs && (Character.isWhitespace(line.charAt(ve - 1)) || line.charAt(ve - 1) == ',')) ve--;
        String value = line.substring(vs, ve);
        if (NO_COLON_VALUE.contains(value)) return false;
        maskValue(line, vs, ve, out);
        return true;
      }
    }
    int colon = keyEnd(line, ks, "communities", quoted);
    if (colon >= 0) {
      int vs = colon + 1;
      while (vs < n && line.charAt(vs) == ' ') vs++;
      if (vs == n || line.charAt(vs) == '{' || line.charAt(vs) == '[') state.communitiesIndent = indent;
    }
    return false;
  }

  /** The index of the ':' after key {@code key} written at {@code ks} (closing quote first when quoted), or -1. */
  private static int keyEnd(String line, int ks, String key, boolean quoted) {
    if (!line.startsWith(key, ks)) return -1;
    int c = ks + key.length();
    if (quoted) {
      if (c >= line.length() || line.charAt(c) != '"') return -1;
      c++;
    }
    return c < line.length() && line.charAt(c) == ':' ? c : -1;
  }

  /** JSON and YAML keys that hold a credential only there ({@code "cyphered": "..."} under a password object). */
  private static final Set<String> COLON_KEYS = Set.of("plaintext", "cyphered", "ciphered", "ciphertext", "hashed",
      "encrypted");
  /** YAML keys whose value is the next, deeper key (NVUE {@code auth-sha:} then {@code KEY:}). */
  private static final Set<String> YAML_PARENTS = Set.of("auth-sha", "auth-md5", "encrypt-aes", "encrypt-des",
      "readonly-community", "readwrite-community", "readonly-community-v6", "readwrite-community-v6");
  /** Keywords that are no YAML parent: their nested keys are settings, not values. */
  private static final Set<String> NOT_YAML_PARENTS = Set.of("auth", "priv", "privacy", "authentication", "key",
      "community", "password", "secret");
  private static final Set<String> NO_COLON_VALUE = Set.of("{", "[", "{}", "[]", "null", "true", "false", "''",
      "\"\"", "|", ">");

  /**
   * A YAML or JSON {@code key: value} line ({@code password: V}, {@code "smtpPassword": "V",}) whose
   * key is a credential word (camelCase read as dashed words): the value to the end of the line.
   * A credential key with no value opens a YAML parent. False when the line has no such key.
   */
  private static boolean colonPair(String line, State state, Spans out) {
    int n = line.length();
    int i = 0;
    while (i < n && line.charAt(i) == ' ') i++;
    int indent = i;
    if (line.startsWith("- ", i)) i += 2;
    boolean quoted = i < n && line.charAt(i) == '"';
    int ks = quoted ? i + 1 : i;
    int k = ks;
    while (k < n && (Character.isLetterOrDigit(line.charAt(k)) || line.charAt(k) == '-' || line.charAt(k) == '_')) k++;
    if (k == ks) return false;
    int colon = quoted ? (k < n && line.charAt(k) == '"' ? k + 1 : -1) : k;
    if (colon < 0 || colon >= n || line.charAt(colon) != ':' || colon + 1 < n && line.charAt(colon + 1) != ' ') {
      return false;
    }
    String name = dashed(line.substring(ks, k));
    boolean credential = isKeyword(name) || COLON_KEYS.contains(name) || YAML_PARENTS.contains(name);
    if (!credential || isKeywordOnlyInContext(name)) return false;
    int vs = colon + 1;
    while (vs < n && line.charAt(vs) == ' ') vs++;
    int ve = n;
    while (ve > vs && Character.isWhitespace(line.charAt(ve - 1))) ve--;
    if (ve > vs && line.charAt(ve - 1) == ',') ve--;
    if (vs >= ve) {
      if (!quoted && (YAML_PARENTS.contains(name) || !NOT_YAML_PARENTS.contains(name))) {
        state.yamlParent = indent;
      }
      return true;
    }
    String value = line.substring(vs, ve);
    if (NO_COLON_VALUE.contains(value) || value.startsWith("<secret:") || value.startsWith("\"<secret:")) return true;
    if (name.endsWith("key") && value.length() <= 3 && isNumber(value)) return true; // "message-digest-key: 1": a key id
    maskValue(line, vs, ve, out);
    return true;
  }

  /** Keywords that hold a credential only next to certain words (SNMP auth/priv, HSRP authentication). */
  private static boolean isKeywordOnlyInContext(String name) {
    return "auth".equals(name) || "priv".equals(name) || "authentication".equals(name) || "authentication-type".equals(name);
  }

  /** The value of a YAML credential parent: the next line's key, when deeper; its indent, or -1 when the line is no such key. */
  private static int yamlChild(String line, int parentIndent, Spans out) {
    int n = line.length();
    int i = 0;
    while (i < n && line.charAt(i) == ' ') i++;
    if (i <= parentIndent || i >= n) return -1;
    int s = line.startsWith("- ", i) ? i + 2 : i;
    int e = s;
    if (s < n && (line.charAt(s) == '\'' || line.charAt(s) == '"')) {
      int close = closingQuote(line, s);
      if (close < 0) return -1;
      s++;
      e = close;
    } else {
      while (e < n && line.charAt(e) != ':' && !Character.isWhitespace(line.charAt(e))) e++;
    }
    if (e > s && !line.startsWith("<secret:", s)) out.add(s, e);
    return i;
  }

  /** Junos marks lines holding a secret: every quoted value, or else the word before ';'. */
  private static void secretData(String line, Words w, Spans out) {
    boolean any = false;
    for (int i = 0; i < w.n; i++) {
      if (w.quoted[i]) {
        out.add(w.vStart[i], w.vEnd[i]);
        any = true;
      }
    }
    if (!any) {
      int semi = line.indexOf(';');
      for (int i = w.n - 1; i >= 1 && semi > 0; i--) {
        if (w.end[i] <= semi + 1 && w.vEnd[i] > w.vStart[i] && !isStructural(w, i)) {
          out.add(w.vStart[i], w.vEnd[i]);
          break;
        }
      }
    }
  }

  /** Masks the value words of the first {@link #POSITIONAL} form the line starts with; false when none. */
  private static boolean positional(String line, Words w, Spans out) {
    for (String[] form : POSITIONAL) {
      if (w.n < form.length || !form[0].equals(w.word[0])) continue;
      boolean match = true;
      for (int i = 1; i < form.length && match; i++) {
        String f = form[i];
        match = f.length() > 1 ? f.equals(w.word[i]) : !"E".equals(f) || looksEncoded(line, w.vStart[i], w.vEnd[i]);
      }
      if (!match) continue;
      for (int i = 0; i < form.length; i++) {
        if ((form[i].equals("V") || form[i].equals("E")) && isValue(w, i)) out.add(w.vStart[i], w.vEnd[i]);
      }
      return true;
    }
    return false;
  }

  private static void scan(String line, Words w, Spans out) {
    if (w.n > 1 && positional(line, w, out)) return;
    boolean seenKeyword = false;
    boolean authMasked = false;
    boolean snmpHost = w.n > 2 && "snmp-server".equals(w.word[0]) && "host".equals(w.word[1]);
    // "snmp-server user U sha AUTH aes PRIV" (Aruba Instant): protocol words followed by their keys
    boolean snmpUser = w.n > 2 && "user".equals(w.word[1])
        && ("snmp-server".equals(w.word[0]) || "snmp".equals(w.word[0]) || "snmpv3".equals(w.word[0]));
    if (snmpHost) snmpHost(w, out);
    for (int t = 0; t < w.n; t++) {
      if (w.eq[t] >= 0) { // name=value
        if (kvKeyword(line.substring(w.start[t], w.eq[t]))) {
          maskValue(line, w.eq[t] + 1, w.end[t], out);
          seenKeyword = true;
        } else {
          hashes(line, w.eq[t] + 1, w.vEnd[t], out);
          url(line, w.eq[t] + 1, w.vEnd[t], out);
        }
        continue;
      }
      hashes(line, w.vStart[t], w.vEnd[t], out);
      url(line, w.vStart[t], w.vEnd[t], out);
      String word = w.word[t];
      if (word == null) {
        if (seenKeyword && looksEncoded(line, w.vStart[t], w.vEnd[t])) out.add(w.vStart[t], w.vEnd[t]);
        continue;
      }
      if (word.endsWith("_control") && t + 3 < w.n && "enable".equals(w.word[t + 1]) && isValue(w, t + 3)) {
        out.add(w.vStart[t + 3], w.vEnd[t + 3]); // V-SOL ONU logins: "admin_control enable admin PW"
        t += 3;
        continue;
      }
      if (!isKeyword(word) || !applies(w, t, word, authMasked)) {
        if (seenKeyword && CONTEXT_WORDS.contains(word) && t + 1 < w.n && isValue(w, t + 1)) {
          out.add(w.vStart[t + 1], w.vEnd[t + 1]);
          t++;
        } else if ("enc".equals(word) && line.startsWith("ENC", w.start[t]) && t + 1 < w.n && isValue(w, t + 1)) {
          out.add(w.vStart[t + 1], w.vEnd[t + 1]); // FortiOS "set anything ENC VALUE": an encrypted credential
          t++;
        } else if (snmpUser && (SNMP_AUTH.contains(word) || SNMP_PRIV.contains(word) || SNMP_USER_KEYS.contains(word))
            && t + 1 < w.n
            && isValue(w, t + 1) && !isNumber(w.word[t + 1])) {
          out.add(w.vStart[t + 1], w.vEnd[t + 1]);
          t++;
        } else if (seenKeyword && looksEncoded(line, w.vStart[t], w.vEnd[t])) {
          out.add(w.vStart[t], w.vEnd[t]);
        }
        continue;
      }
      seenKeyword = true;
      int j = t + 1;
      while (j < w.n && skippable(w, j, t)) j++;
      int next = t;
      t = j - 1; // the type words belong to this keyword, whether a value follows or not
      if (j >= w.n) {
        // "password 0 1234": all words looked like types, the last number is the value
        int last = w.n - 1;
        if (last > next && !"key".equals(word) && isNumber(w.word[last])
            && (last > next + 1 || w.word[last].length() >= 4)) {
          out.add(w.vStart[last], w.vEnd[last]);
        }
        continue;
      }
      if (TO_END_OF_LINE.contains(word) && !isStructural(w, j) && !w.quoted[j] && w.word[j] != null
          && !w.word[j].startsWith("<secret:")) {
        out.add(w.vStart[j], w.end[w.n - 1]); // the value may be any words, even "Psk Loc Value"
        return;
      }
      if (!isValue(w, j)) {
        // "auth sha <secret:...> priv encrypted aes VALUE": the auth key is masked already (by the
        // model's pattern, or on a second pass over stored text), so "priv" still names a key
        if (("auth".equals(word) || "authentication".equals(word)) && line.startsWith("<secret:", w.vStart[j])) {
          authMasked = true;
        }
        // ProCurve encrypt-credentials: "encrypted-password manager user-name "admin" VALUE": the last word
        int last = w.n - 1;
        if (word.startsWith("encrypted-") && last > j && isValue(w, last)
            && (w.word[last] == null || !CONTEXT_WORDS.contains(w.word[last]))
            && base64(line, w.vStart[last], w.vEnd[last])) {
          out.add(w.vStart[last], w.vEnd[last]);
          t = last;
        }
        continue;
      }
      if ("community".equals(word) && bgpCommunity(w, t, j)) continue;
      if ("key".equals(word) && j == next + 1 && isNumber(w.word[j]) && j == w.n - 1) continue; // "key 100": a key id
      if (TO_END_OF_LINE.contains(word) && !w.quoted[j]) {
        out.add(w.vStart[j], w.end[w.n - 1]);
        return;
      }
      out.add(w.vStart[j], w.vEnd[j]);
      if ("auth".equals(word) || "authentication".equals(word)) authMasked = true;
      // EXOS "add community "C" name "C" user U", ietf-snmp "community IDX text-name C": the name is the community
      if ("community".equals(word) && j + 2 < w.n && ("name".equals(w.word[j + 1]) || "text-name".equals(w.word[j + 1]))) {
        int k = in(TYPE_WORDS, w.word[j + 2]) ? j + 3 : j + 2;
        if (k < w.n && isValue(w, k)) {
          out.add(w.vStart[k], w.vEnd[k]);
          j = k;
        }
      }
      // "key CKN 7 CAK" (MACsec), "key 1 7 VALUE": a type digit and a second value follow
      if (j + 2 < w.n && isTypeDigit(w.word[j + 1]) && isValue(w, j + 2)) {
        out.add(w.vStart[j + 2], w.vEnd[j + 2]);
        j += 2;
      }
      t = j;
    }
  }

  /**
   * The name of a {@code name=value} pair names a credential: RouterOS {@code password=}, APC
   * {@code DevicePassword=} and {@code AccessCommunity1=} (camelCase and a trailing index read as
   * dashed words), Garderos {@code user.account.0.password=} and {@code ...community.0.name=}
   * (the last dotted part).
   */
  private static boolean kvKeyword(String raw) {
    int dot = raw.lastIndexOf('.');
    if (dot >= 0) {
      String last = raw.substring(dot + 1).toLowerCase(Locale.ROOT);
      if ("name".equals(last)) {
        int d = raw.lastIndexOf('.', dot - 1);
        int c = d >= 0 ? raw.lastIndexOf('.', d - 1) : -1;
        return d > 0 && isNumber(raw.substring(d + 1, dot)) && "community".equalsIgnoreCase(raw.substring(c + 1, d));
      }
      raw = raw.substring(dot + 1);
    }
    String name = dashed(raw);
    int end = name.length();
    while (end > 1 && Character.isDigit(name.charAt(end - 1))) end--;
    name = name.substring(0, end);
    if (KV_NOT_KEYWORDS.contains(name)) return false;
    return isKeyword(name) || name.endsWith("-community");
  }

  /** camelCase as dashed lower-case words: {@code SMTPPassword} is {@code smtp-password}. */
  static String dashed(String raw) {
    StringBuilder b = new StringBuilder(raw.length() + 4);
    for (int c = 0; c < raw.length(); c++) {
      char ch = raw.charAt(c);
      if (Character.isUpperCase(ch) && c > 0) {
        char before = raw.charAt(c - 1);
        boolean after = c + 1 < raw.length() && Character.isLowerCase(raw.charAt(c + 1));
        if (Character.isLowerCase(before) || Character.isDigit(before) || Character.isUpperCase(before) && after) {
          b.append('-');
        }
      }
      b.append(Character.toLowerCase(ch));
    }
    return b.toString();
  }

  /** Keywords that are credentials only in some company: SNMPv3 auth/priv, HSRP/VRRP authentication. */
  private static boolean applies(Words w, int t, String word, boolean authMasked) {
    switch (word) {
      case "auth":
        return t + 1 < w.n && in(SNMP_AUTH, w.word[t + 1]);
      case "priv", "privacy":
        return authMasked || t + 1 < w.n && in(SNMP_PRIV, w.word[t + 1]);
      case "authentication": {
        if (t > 0 && "nhrp".equals(w.word[t - 1])) return true;
        if (t + 1 < w.n && ("text".equals(w.word[t + 1]) || in(SNMP_AUTH, w.word[t + 1]))) return true;
        // FASTPATH "ip ospf authentication simple KEY" / "authentication encrypt KEY ID"
        if (t + 2 < w.n && ("simple".equals(w.word[t + 1]) || "encrypt".equals(w.word[t + 1]))) return true;
        // EXOS "authentication encrypted md5 1 KEY" / "authentication encrypted simple-password PW"
        if (t + 2 < w.n && "encrypted".equals(w.word[t + 1]) && "md5".equals(w.word[t + 2])) return true;
        return w.inRedundancyBlock || firstRedundancyWord(w) < t;
      }
      case "psk": // "psk VALUE" (TNSR IKE), not "psk NAME secret VALUE" (VyOS: the psk entry's name)
        return !(t + 2 < w.n && w.word[t + 2] != null && isKeyword(w.word[t + 2]));
      case "authentication-type": // "authentication-type simple PASSWORD" (Gaia OSPF), not "authentication-type md5"
        return t + 2 < w.n && "simple".equals(w.word[t + 1]);
      case "community":
        return t == 0 || !("set".equals(w.word[t - 1]) || "match".equals(w.word[t - 1])
            || "delete".equals(w.word[t - 1]));
      default:
        return true;
    }
  }

  /** The index of the first standby/vrrp/glbp/hsrp word of the line (its length if none), found once per line. */
  private static int firstRedundancyWord(Words w) {
    if (w.redundancy < 0) {
      w.redundancy = w.n;
      for (int i = 0; i < w.n; i++) {
        String p = w.word[i];
        if ("standby".equals(p) || "vrrp".equals(p) || "glbp".equals(p) || "hsrp".equals(p)) {
          w.redundancy = i;
          break;
        }
      }
    }
    return w.redundancy;
  }

  /** A BGP community ("set community 65000:1", Junos "community CUST members ..."), not an SNMP one. */
  private static boolean bgpCommunity(Words w, int t, int j) {
    String v = w.word[j];
    if (v != null && (BGP_COMMUNITIES.contains(v) || v.matches("\\d+:\\d+(?::\\d+)?"))) return true;
    return j + 1 < w.n && "members".equals(w.word[j + 1]);
  }

  /** {@code snmp-server host H [vrf V] [informs|traps] [version 1|2c] COMMUNITY}: the community has no keyword. */
  private static void snmpHost(Words w, Spans out) {
    for (int i = 2; i < w.n; i++) {
      if ("community".equals(w.word[i])) return; // ASA, ProCurve: the keyword handles it
    }
    int i = 3; // after the host address
    while (i < w.n) {
      String x = w.word[i];
      if ("vrf".equals(x)) {
        i += 2;
      } else if ("informs".equals(x) || "traps".equals(x) || "inform".equals(x) || "trap".equals(x)) {
        i++;
      } else if ("version".equals(x)) {
        if (i + 1 < w.n && "3".equals(w.word[i + 1])) return; // an SNMPv3 user name, not a secret
        i += 2;
      } else {
        break;
      }
    }
    if (i < w.n && isValue(w, i) && !isKeyword(w.word[i] == null ? "" : w.word[i])) out.add(w.vStart[i], w.vEnd[i]);
  }

  /** A type or algorithm word, a type digit, or a key id right after the keyword. */
  private static boolean skippable(Words w, int j, int keyword) {
    String x = w.word[j];
    if (x == null || w.eq[j] >= 0) return false;
    if (TYPE_WORDS.contains(x)) return true;
    // Huawei "snmp-agent community write VALUE"
    if (("read".equals(x) || "write".equals(x)) && j == keyword + 1 && "community".equals(w.word[keyword])
        && j + 1 < w.n) return true;
    if (!isNumber(x)) return false;
    if (x.length() == 1) return true;
    // a key id ("message-digest-key 10 md5 ...") or a key size ("aes 128 ..."), when more follows
    boolean more = j + 1 < w.n && !isStructural(w, j + 1);
    String before = w.word[j - 1];
    return more && (j == keyword + 1 || before != null && before.startsWith("aes"));
  }

  /** True when word {@code j} can be a value: not a keyword, a bracket, a "not a value" word or a tag. */
  private static boolean isValue(Words w, int j) {
    if (isStructural(w, j)) return false;
    if (w.vEnd[j] <= w.vStart[j]) return false;
    String x = w.word[j];
    if (x != null && isMaskedByDevice(x)) return false; // "key ********": the device hides it already
    return x == null || !(NOT_A_VALUE.contains(x) || isKeyword(x) || x.startsWith("<secret:") || isPath(x));
  }

  /** A run of asterisks: a value the device itself printed hidden. */
  private static boolean isMaskedByDevice(String x) {
    for (int i = 0; i < x.length(); i++) {
      if (x.charAt(i) != '*') return false;
    }
    return true;
  }

  /** An absolute file path ("private-key /etc/wireguard/wg0.key", "cannot read private key /home/..."). */
  private static boolean isPath(String x) {
    return x.length() > 1 && (x.charAt(0) == '/' || x.startsWith("~/")) && x.indexOf('/', 1) > 0;
  }

  private static boolean isStructural(Words w, int j) {
    String x = w.word[j];
    return x != null && x.length() == 1 && "{}[];".indexOf(x.charAt(0)) >= 0;
  }

  /** Set membership for a word that is null when quoted (immutable sets refuse null). */
  private static boolean in(Set<String> set, String word) {
    return word != null && set.contains(word);
  }

  private static boolean isKeyword(String word) {
    if (KEYWORDS.contains(word)) return true;
    for (String s : SUFFIXES) {
      int k = word.length() - s.length() - 1;
      if (k > 0 && word.endsWith(s) && (word.charAt(k) == '-' || word.charAt(k) == '_')) return true;
    }
    return false;
  }

  private static boolean isNumber(String x) {
    if (x == null || x.isEmpty()) return false;
    for (int i = 0; i < x.length(); i++) {
      if (x.charAt(i) < '0' || x.charAt(i) > '9') return false;
    }
    return true;
  }

  private static boolean isTypeDigit(String x) {
    return x != null && x.length() == 1 && x.charAt(0) >= '0' && x.charAt(0) <= '9';
  }

  /** Masks a {@code name=value} value (quoted or not). */
  private static void maskValue(String line, int from, int to, Spans out) {
    if (from >= to) return;
    char q = line.charAt(from);
    if ((q == '"' || q == '\'') && to - from >= 2 && line.charAt(to - 1) == q) {
      from++;
      to--;
    }
    if (to > from && !line.startsWith("<secret:", from)) out.add(from, to);
  }

  /** Eight or more characters of the base64 alphabet with a digit, '+', '/' or '=' among them. */
  private static boolean base64(String line, int from, int to) {
    if (to - from < 8) return false;
    boolean mixed = false;
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      boolean other = c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
      if (!letter && !other) return false;
      mixed |= other;
    }
    return mixed;
  }

  /** Base64 with padding or long hex, seen after a credential keyword: an encrypted credential. */
  private static boolean looksEncoded(String line, int from, int to) {
    int len = to - from;
    if (len < 12 || line.startsWith("<secret:", from)) return false;
    boolean padded = line.charAt(to - 1) == '=';
    boolean hex = true;
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      boolean b64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
          || c == '=';
      if (!b64) return false;
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) hex = false;
    }
    return padded || hex && len >= 32;
  }

  /** Password hashes anywhere in a word: {@code $1$}, {@code $5$}, {@code $6$}, {@code $9$}, {@code $sha512$}, ... */
  private static void hashes(String line, int from, int to, Spans out) {
    for (int i = indexOf(line, '$', from, to); i >= 0 && i + 2 < to; i = indexOf(line, '$', i + 1, to)) {
      int j = i + 1;
      while (j < to && j - i <= 9 && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '-')) j++;
      if (j >= to || line.charAt(j) != '$' || j == i + 1) continue;
      String id = line.substring(i + 1, j).toLowerCase(Locale.ROOT);
      if (!isHashId(id) || j + 1 >= to) continue;
      int end = j + 1;
      while (end < to && line.charAt(end) != '<' && line.charAt(end) != '"') end++;
      if (i > from && line.charAt(i - 1) == ':') { // /etc/shadow: user:$6$...:19000:...
        int colon = indexOf(line, ':', j, end);
        if (colon >= 0 && colon < end) end = colon;
      }
      if (!line.startsWith("<secret:", i)) out.add(i, end);
      return;
    }
  }

  /** The first {@code c} in {@code line[from, to)}, or -1 (a word's search never runs past the word). */
  private static int indexOf(String line, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (line.charAt(i) == c) return i;
    }
    return -1;
  }

  private static boolean isHashId(String id) {
    return switch (id) {
      case "1", "1a", "1c", "2", "2a", "2b", "2x", "2y", "5", "6", "7", "8", "9", "h", "c", "y", "gy", "md5", "sha1", "sha256",
           "sha512", "pbkdf2", "pbkdf2-sha256", "pbkdf2-sha512", "apr1", "argon2id", "argon2i", "scrypt" -> true;
      default -> false;
    };
  }

  /** {@code scheme://user:password@host}: the password. */
  private static void url(String line, int from, int to, Spans out) {
    int s = indexOf(line, ':', from, to);
    while (s >= 0 && !line.startsWith("://", s)) s = indexOf(line, ':', s + 1, to);
    if (s < 0 || s + 3 > to) return;
    int hostStart = s + 3;
    int at = -1;
    for (int i = hostStart; i < to; i++) {
      char c = line.charAt(i);
      if (c == '/' || c == '"' || c == '\'') break;
      if (c == '@') at = i;
    }
    if (at < 0) return;
    int colon = indexOf(line, ':', hostStart, at);
    if (colon > 0 && !line.startsWith("<secret:", colon + 1)) out.add(colon + 1, at);
  }

  /**
   * XML elements whose name is a credential word: {@code <password>V</password>},
   * {@code <ios:key-string>V</ios:key-string>}; an element opened on one line and closed on a
   * later one masks the text of every element in between.
   */
  private static void xml(String line, State state, Spans out) {
    int n = line.length();
    int i = line.indexOf('<');
    while (i >= 0 && i + 1 < n) {
      char c = line.charAt(i + 1);
      int gt = line.indexOf('>', i);
      if (gt < 0) return;
      if (c == '/') {
        String name = localName(line.substring(i + 2, gt).trim());
        if (name.equals(state.xmlOpen)) state.xmlOpen = null;
        i = line.indexOf('<', gt);
        continue;
      }
      if (c == '?' || c == '!' || line.charAt(gt - 1) == '/' || line.startsWith("<secret:", i)) {
        i = line.indexOf('<', gt);
        continue;
      }
      int nameEnd = i + 1;
      while (nameEnd < gt && !Character.isWhitespace(line.charAt(nameEnd))) nameEnd++;
      String name = localName(line.substring(i + 1, nameEnd));
      int lt = line.indexOf('<', gt);
      boolean closedHere = lt >= 0 && line.startsWith("</", lt);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean credential = (isKeyword(lower) || isKeyword(lower.replace('_', '-'))) && !"authentication".equals(name)
          && !"auth".equals(name) && !"priv".equals(name) || "ascii-text".equals(name)
          || "hexadecimal-text".equals(name);
      if (closedHere) {
        credential |= XML_VALUE_ONLY.contains(lower);
        int s = gt + 1;
        int e = lt;
        while (s < e && Character.isWhitespace(line.charAt(s))) s++;
        while (e > s && Character.isWhitespace(line.charAt(e - 1))) e--;
        boolean inner = state.xmlOpen != null && !XML_NOT_VALUE.contains(name);
        if ((credential || inner) && e > s && !line.startsWith("<secret:", s)) {
          if (!("community".equals(name) && line.startsWith("<", s))) out.add(s, e);
        }
      } else if (credential && state.xmlOpen == null && !"community".equals(name)) {
        state.xmlOpen = name;
      }
      i = lt;
    }
  }

  /** Elements that hold a key when they hold text (pfSense/OPNsense {@code <prv>}, {@code <tls>}), a container otherwise. */
  private static final Set<String> XML_VALUE_ONLY = Set.of("prv", "tls", "privkey", "privatekey", "presharedkey",
      "authkey", "otp_seed", "ldap_bindpw", "bindpw", "apisecret", "apikey", "ipsecpsk");

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon >= 0 ? qualified.substring(colon + 1) : qualified;
  }

  /** Splits a line into words: quoted strings whole, {@code name="a b"} whole, lone brackets and ';' apart. */
  private static Words words(String line) {
    Words w = new Words();
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        int close = closingQuote(line, i);
        int end = close < 0 ? n : close + 1;
        w.add(i, end, i + 1, close < 0 ? n : close, -1, true, null);
        i = end;
        continue;
      }
      if ("{}[];".indexOf(c) >= 0 && (i + 1 == n || Character.isWhitespace(line.charAt(i + 1)))) {
        w.add(i, i + 1, i, i + 1, -1, false, String.valueOf(c));
        i++;
        continue;
      }
      int j = i;
      int eq = -1;
      while (j < n && !Character.isWhitespace(line.charAt(j))) {
        char d = line.charAt(j);
        if (d == '=' && eq < 0 && j > i) {
          eq = j;
          if (j + 1 < n && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\'')) {
            int close = closingQuote(line, j + 1);
            j = close < 0 ? n : close + 1;
            continue;
          }
        }
        j++;
      }
      int vEnd = j - i > 1 && line.charAt(j - 1) == ';' ? j - 1 : j;
      w.add(i, j, i, vEnd, eq, false, line.substring(i, vEnd).toLowerCase(Locale.ROOT));
      i = j;
    }
    return w;
  }

  /** The index of the quote closing the one at {@code open} (backslash escapes skipped), or -1. */
  private static int closingQuote(String line, int open) {
    char q = line.charAt(open);
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && q == '"') {
        i++;
      } else if (c == q) {
        return i;
      }
    }
    return -1;
  }
}
