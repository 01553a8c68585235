package dev.patina.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's Linux NAT host: network files, a keepalived pair member and an LACP bond. */
final class DemoLinuxHost {
  private DemoLinuxHost() {}

  static Path write(Path root) throws IOException {
    put(root, "etc/hostname", "nat-1\n");
    put(root, "etc/network/interfaces", """
        auto lo
        iface lo inet loopback

        auto bond0
        iface bond0 inet static
            address 192.0.2.11/24
            gateway 192.0.2.254
            bond-slaves eth0 eth1
            bond-mode 802.3ad
            bond-miimon 100
            bond-lacp-rate fast
            bond-xmit-hash-policy layer3+4
        """);
    put(root, "etc/keepalived/keepalived.conf", """
        vrrp_instance VI_1 {
            state MASTER
            interface bond0
            virtual_router_id 51
            priority 150
            advert_int 1
            authentication {
                auth_type PASS
                auth_pass s3cr3tpw
            }
            virtual_ipaddress {
                192.0.2.1/24
            }
        }
        """);
    put(root, "proc/sys/net/ipv4/ip_forward", "1\n");
    put(root, "proc/net/bonding/bond0", bond("up", 0));
    return root;
  }

  /** {@code ip -o addr show} of nat-1, with or without the VRRP virtual address. */
  static String ipAddr(boolean holdsVip) {
    return "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
        + "4: bond0    inet 192.0.2.11/24 brd 192.0.2.255 scope global bond0\\       valid_lft forever preferred_lft forever\n"
        + (holdsVip ? "4: bond0    inet 192.0.2.1/24 scope global secondary bond0\\       valid_lft forever preferred_lft forever\n" : "");
  }

  /** The slave's link goes down: MII status down, link failure count up by one. */
  static void failSlave(Path root, String slave) throws IOException {
    put(root, "proc/net/bonding/bond0", bond("down", 1));
  }

  private static String bond(String eth1Status, int eth1Failures) {
    return """
        Ethernet Channel Bonding Driver: v6.1.0-28-amd64

        Bonding Mode: IEEE 802.3ad Dynamic link aggregation
        Transmit Hash Policy: layer3+4 (1)
        MII Status: up
        MII Polling Interval (ms): 100
        Up Delay (ms): 0
        Down Delay (ms): 0
        Peer Notification Delay (ms): 0

        802.3ad info
        LACP active: on
        LACP rate: fast
        Min links: 0
        Aggregator selection policy (ad_select): stable
        System priority: 65535
        System MAC address: 52:54:00:12:34:56
        Active Aggregator Info:
        \tAggregator ID: 1
        \tNumber of ports: %d
        \tActor Key: 15
        \tPartner Key: 32785
        \tPartner Mac Address: 00:1b:17:00:01:10

        Slave Interface: eth0
        MII Status: up
        Speed: 10000 Mbps
        Duplex: full
        Link Failure Count: 0
        Permanent HW addr: 52:54:00:12:34:56
        Slave queue ID: 0
        Aggregator ID: 1
        Actor Churn State: none
        Partner Churn State: none
        Actor Churned Count: 0
        Partner Churned Count: 0

        Slave Interface: eth1
        MII Status: %s
        Speed: %s
        Duplex: %s
        Link Failure Count: %d
        Permanent HW addr: 52:54:00:12:34:57
        Slave queue ID: 0
        Aggregator ID: 1
        Actor Churn State: none
        Partner Churn State: none
        Actor Churned Count: 0
        Partner Churned Count: 0
        """.formatted(eth1Status.equals("up") ? 2 : 1, eth1Status,
        eth1Status.equals("up") ? "10000 Mbps" : "Unknown", eth1Status.equals("up") ? "full" : "Unknown",
        eth1Failures);
  }

  private static void put(Path root, String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
