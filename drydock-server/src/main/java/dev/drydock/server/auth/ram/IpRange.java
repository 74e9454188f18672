package dev.drydock.server.auth.ram;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR block of an IpAddress/NotIpAddress condition, IPv4 or IPv6. Only
 * literals are accepted: nothing here ever resolves a host name. An IPv4 address never falls in
 * an IPv6 block or the reverse, except that IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d})
 * count as their IPv4 address.
 */
final class IpRange {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final byte[] network;
  private final int prefix;

  private IpRange(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  static Optional<IpRange> parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    Optional<byte[]> addr = address(slash < 0 ? s : s.substring(0, slash));
    if (addr.isEmpty()) {
      return Optional.empty();
    }
    int bits = addr.get().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new IpRange(addr.get(), prefix));
  }

  boolean contains(String address) {
    Optional<byte[]> a = address(address.trim());
    if (a.isEmpty() || a.get().length != network.length) {
      return false;
    }
    byte[] b = a.get();
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (b[full] & mask) == (network[full] & mask);
  }

  /** The bytes of a literal IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4); empty for anything else. */
  static Optional<byte[]> address(String s) {
    if (IPV4.matcher(s).matches()) {
      String[] parts = s.split("\\.");
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return Optional.empty();
        }
        b[i] = (byte) v;
      }
      return Optional.of(b);
    }
    if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
      try {
        // A string with ':' and only hex digits, ':' and '.' is parsed as a literal: no lookup.
        return Optional.of(InetAddress.getByName(s).getAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
