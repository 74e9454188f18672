package dev.drydock.report;

import java.util.Locale;

/** The output formats of {@code drydock scan}. */
public enum ReportFormat {
  TABLE, JSON, CYCLONEDX, SARIF;

  public static ReportFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format \"" + s + "\" (table, json, cyclonedx, sarif)");
    }
  }

  public ReportWriter writer() {
    return switch (this) {
      case TABLE -> new TableReportWriter();
      case JSON -> new JsonReportWriter();
      case CYCLONEDX -> new CycloneDxReportWriter();
      case SARIF -> new SarifReportWriter();
    };
  }
}
