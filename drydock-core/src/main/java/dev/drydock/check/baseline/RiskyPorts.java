package dev.drydock.check.baseline;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code config_risky_port}: exposed ports of services that are dangerous to reach. Each entry
 * says why; the list keeps to services that are remotely exploitable by default or by nature, not
 * every database (PostgreSQL or MySQL require a password out of the box).
 */
final class RiskyPorts {

  private RiskyPorts() {}

  /** Port, protocol, service, and why it is risky. */
  record Port(int number, String protocol, String service, String why) {}

  static final List<Port> PORTS = List.of(
      new Port(21, "tcp", "FTP", "cleartext credentials and data"),
      new Port(22, "tcp", "SSH", "a remote shell into the container: brute-forceable, and containers are reached"
          + " with docker exec, not sshd (CIS Docker 5.6)"),
      new Port(23, "tcp", "Telnet", "a cleartext remote shell"),
      new Port(445, "tcp", "SMB", "Windows file sharing, a standing worm target"),
      new Port(2375, "tcp", "Docker Engine API (plain HTTP)", "unauthenticated control of the Docker daemon, which is"
          + " root on the host"),
      new Port(2376, "tcp", "Docker Engine API (TLS)", "control of the Docker daemon, root on the host, for anyone"
          + " holding a client certificate"),
      new Port(2379, "tcp", "etcd client API", "often run without client authentication; holds a cluster's secrets"),
      new Port(3389, "tcp", "RDP", "a remote desktop, a brute-force and exploit target"),
      new Port(5900, "tcp", "VNC", "a remote desktop, often without a password or with an 8-character one"),
      new Port(6379, "tcp", "Redis", "no authentication by default; a reachable Redis is writable and can be turned"
          + " into code execution"),
      new Port(9200, "tcp", "Elasticsearch HTTP", "no authentication by default before 8.0"),
      new Port(11211, "tcp", "memcached", "no authentication; UDP reflection amplifier"),
      new Port(11211, "udp", "memcached", "no authentication; UDP reflection amplifier"),
      new Port(27017, "tcp", "MongoDB", "no authentication unless enabled"));

  static List<Finding> check(ImageConfig c) {
    List<Finding> out = new ArrayList<>();
    for (String exposed : c.exposedPorts()) {
      int slash = exposed.indexOf('/');
      String number = slash < 0 ? exposed : exposed.substring(0, slash);
      String protocol = slash < 0 ? "tcp" : exposed.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
      int port;
      try {
        port = Integer.parseInt(number.strip());
      } catch (NumberFormatException e) {
        continue;
      }
      for (Port p : PORTS) {
        if (p.number() == port && p.protocol().equals(protocol)) {
          out.add(BaselineItems.CONFIG_RISKY_PORT.finding("", null, "EXPOSE " + exposed,
              Map.of("port", exposed, "service", p.service(), "why", p.why())));
        }
      }
    }
    return out;
  }
}
