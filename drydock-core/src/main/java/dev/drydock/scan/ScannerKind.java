package dev.drydock.scan;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a scan looks for besides the inventory (which every scan takes). */
public enum ScannerKind {
  VULN, BASELINE, SECRET, MALWARE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code vuln,baseline,secret,malware} (any subset, comma-separated). */
  public static Set<ScannerKind> parse(String list) {
    Set<ScannerKind> out = EnumSet.noneOf(ScannerKind.class);
    for (String s : list.split(",")) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      try {
        out.add(valueOf(t.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown scanner \"" + s.trim() + "\" (vuln, baseline, secret, malware)");
      }
    }
    return out;
  }
}
