package dev.drydock.server.inventory;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a registered registry is reached and what the inventory shows as its endpoints, derived
 * from the registration fields of reference §1.14 (DomainName, RegistryHostIp, Port,
 * ProtocolType, NetType). Pure: the same fields always give the same answers.
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Scheme</b>: ProtocolType 1 → {@code http} (plain, no TLS), 2 → {@code https}.
 *   <li><b>Authority</b> of a host: the host (IPv6 literals in brackets), then {@code :Port} unless
 *       Port is absent or the scheme's default (80 for http, 443 for https).
 *   <li><b>Connect address</b> (where the sync sends its requests): over HTTP the RegistryHostIp
 *       authority — the address Security Center reaches the registry at; over HTTPS the DomainName
 *       authority, because the certificate is verified against the name it was issued for.
 *   <li><b>Endpoints</b> (per repository): {@code scheme://connect-address/namespace}, or without
 *       {@code /namespace} for a repository without one (reference example
 *       {@code https://172.20.XXX.XXX/test}).
 *   <li><b>InternetURLs</b> / <b>VpcURLs</b> (per repository): {@code domain-authority/path}
 *       (reference example {@code …registry.cn-shenzhen…/xxxx/docker-…}, no scheme) — in
 *       InternetURLs when NetType is 1 (Internet), in VpcURLs when NetType is 2 (VPC); the other
 *       one is empty.
 *   <li><b>EndPointList</b>: one entry; Type {@code internet} (NetType 1) or {@code intranet}
 *       (NetType 2); Domains: the DomainName authority, then the RegistryHostIp authority when it
 *       differs.
 * </ul>
 */
public record RegistryEndpoints(String domainName, @Nullable String registryHostIp, @Nullable Integer port,
    int protocolType, int netType) {

  public static final int PROTOCOL_HTTP = 1;
  public static final int PROTOCOL_HTTPS = 2;
  public static final int NET_INTERNET = 1;
  public static final int NET_VPC = 2;

  public RegistryEndpoints {
    if (protocolType != PROTOCOL_HTTP && protocolType != PROTOCOL_HTTPS) {
      throw new IllegalArgumentException("ProtocolType must be 1 or 2, got " + protocolType);
    }
    if (netType != NET_INTERNET && netType != NET_VPC) {
      throw new IllegalArgumentException("NetType must be 1 or 2, got " + netType);
    }
  }

  public static RegistryEndpoints of(RegistryRow r) {
    return new RegistryEndpoints(r.domainName(), r.registryHostIp(), r.port(), r.protocolType(), r.netType());
  }

  /** Plain HTTP (ProtocolType 1)? */
  public boolean insecure() {
    return protocolType == PROTOCOL_HTTP;
  }

  public String scheme() {
    return insecure() ? "http" : "https";
  }

  /** {@code host[:port]} as the sync connects to it. */
  public String connectAddress() {
    String host = insecure() && registryHostIp != null && !registryHostIp.isBlank() ? registryHostIp : domainName;
    return authority(host);
  }

  /** {@code DomainName[:port]}: the registry as image references name it. */
  public String domainAuthority() {
    return authority(domainName);
  }

  public String endpoints(String namespace) {
    return scheme() + "://" + connectAddress() + (namespace.isEmpty() ? "" : "/" + namespace);
  }

  public String internetUrls(String repositoryPath) {
    return netType == NET_INTERNET ? domainAuthority() + "/" + repositoryPath : "";
  }

  public String vpcUrls(String repositoryPath) {
    return netType == NET_VPC ? domainAuthority() + "/" + repositoryPath : "";
  }

  /** {@code internet} or {@code intranet}: the Type of the EndPointList entry. */
  public String endpointType() {
    return netType == NET_INTERNET ? "internet" : "intranet";
  }

  /** The Domains of the EndPointList entry. */
  public List<String> endpointDomains() {
    List<String> out = new ArrayList<>();
    out.add(domainAuthority());
    if (registryHostIp != null && !registryHostIp.isBlank()) {
      String ip = authority(registryHostIp);
      if (!out.contains(ip)) {
        out.add(ip);
      }
    }
    return List.copyOf(out);
  }

  private String authority(String host) {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    int dflt = insecure() ? 80 : 443;
    return port == null || port == dflt ? h : h + ":" + port;
  }
}
