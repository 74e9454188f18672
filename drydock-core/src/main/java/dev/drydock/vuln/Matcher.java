package dev.drydock.vuln;

import dev.drydock.vuln.advisory.Severity;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Package;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.EcosystemKeys;
import dev.drydock.vuln.version.AffectedVersions;
import dev.drydock.vuln.version.InvalidVersionException;
import dev.drydock.vuln.version.VersionScheme;
import dev.drydock.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches an image's packages against an advisory database.
 *
 * <p>OS packages are matched by distribution release and <em>source</em> package against that
 * distribution's feed only (never against upstream language advisories — the cause of the
 * backport false positives other scanners suffer); language packages by ecosystem and name.
 * Nothing is ever silently skipped: a package whose ecosystem no installed feed covers, or whose
 * version does not parse, becomes a diagnostic and the report is marked incomplete.
 *
 * <p>When two feeds report the same vulnerability (by CVE id) for the same package — the Debian
 * tracker and osv.dev's Debian records, say — it is reported once, from the distribution's own
 * feed first.
 */
public final class Matcher {

  private static final int BATCH = 500;
  private final AdvisorySource db;

  public Matcher(AdvisorySource db) {
    this.db = db;
  }

  public VulnerabilityReport match(IndexReport index) {
    List<Vulnerability> found = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Set<String> covered = db.ecosystems();

    // Group packages by the ecosystem key they are looked up under.
    Map<String, List<Package>> byKey = new LinkedHashMap<>();
    Map<Ecosystem, Integer> uncovered = new LinkedHashMap<>();
    for (Package p : index.packages()) {
      Optional<String> key = EcosystemKeys.forPackage(p, index.os());
      if (key.isEmpty()) {
        uncovered.merge(p.ecosystem(), 1, Integer::sum);
      } else {
        byKey.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(p);
      }
    }
    uncovered.forEach((eco, n) -> diagnostics.add(Diagnostic.incomplete(n + " " + eco.purlType()
        + " package(s) not matched: Drydock has no advisory feed for "
        + (index.os() == null ? "an image without os-release" : index.os().distro()), null, "matcher")));

    for (Map.Entry<String, List<Package>> e : byKey.entrySet()) {
      String key = e.getKey();
      List<Package> packages = e.getValue();
      if (!covered.contains(key)) {
        diagnostics.add(Diagnostic.incomplete(packages.size() + " package(s) of " + key
            + " not matched: the advisory database has no advisories for " + key
            + " (import or update a feed that covers it: drydock db update)", null, "matcher"));
        continue;
      }
      Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(key);
      if (scheme.isEmpty()) {
        diagnostics.add(Diagnostic.incomplete(packages.size() + " package(s) of " + key
            + " not matched: no version rules for " + key, null, "matcher"));
        continue;
      }
      matchEcosystem(key, packages, scheme.get(), found, diagnostics);
    }
    found.sort(Comparator.comparing(Vulnerability::severity).thenComparing(Vulnerability::packageName)
        .thenComparing(Vulnerability::id));
    boolean complete = diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.INCOMPLETE);
    return new VulnerabilityReport(db.info(), found, diagnostics, complete);
  }

  private void matchEcosystem(String key, List<Package> packages, VersionScheme scheme, List<Vulnerability> found,
      List<Diagnostic> diagnostics) {
    Map<String, List<Package>> byName = new LinkedHashMap<>();
    for (Package p : packages) {
      byName.computeIfAbsent(EcosystemKeys.lookupName(p), n -> new ArrayList<>()).add(p);
    }
    List<String> names = new ArrayList<>(byName.keySet());
    for (int from = 0; from < names.size(); from += BATCH) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + BATCH));
      Map<String, List<AdvisorySource.Match>> entries = db.lookup(key, batch);
      for (String name : batch) {
        List<AdvisorySource.Match> matches = entries.getOrDefault(name, List.of());
        if (matches.isEmpty()) {
          continue;
        }
        for (Package p : byName.get(name)) {
          matchPackage(p, matches, scheme, found, diagnostics);
        }
      }
    }
  }

  private void matchPackage(Package p, List<AdvisorySource.Match> matches, VersionScheme scheme,
      List<Vulnerability> found, List<Diagnostic> diagnostics) {
    String version = EcosystemKeys.lookupVersion(p);
    if (!scheme.isValid(version)) {
      diagnostics.add(new Diagnostic(Diagnostic.Kind.INCOMPLETE, "version \"" + version + "\" of " + p.displayName()
          + " is not a valid " + scheme.name() + " version; its " + matches.size()
          + " advisory entries could not be evaluated", p.layer(), p.path(), "matcher"));
      return;
    }
    // Distribution feeds first, so their verdict wins when osv.dev repeats the same CVE.
    List<AdvisorySource.Match> ordered = new ArrayList<>(matches);
    ordered.sort(Comparator.comparing(m -> m.advisory().source().equals("osv") ? 1 : 0));
    Set<String> seen = new HashSet<>();
    for (AdvisorySource.Match m : ordered) {
      AffectedVersions.Verdict verdict;
      try {
        verdict = AffectedVersions.evaluate(m.affected(), version, scheme);
      } catch (InvalidVersionException e) {
        diagnostics.add(new Diagnostic(Diagnostic.Kind.INCOMPLETE, "advisory " + m.advisory().id() + " for "
            + p.displayName() + " could not be evaluated: " + e.getMessage(), p.layer(), p.path(), "matcher"));
        continue;
      }
      if (!verdict.affected()) {
        continue;
      }
      Vulnerability v = vulnerability(p, version, m, verdict);
      if (seen.add(v.cveOrId())) {
        found.add(v);
      }
    }
  }

  private static Vulnerability vulnerability(Package p, String version, AdvisorySource.Match m,
      AffectedVersions.Verdict verdict) {
    Affected a = m.affected();
    var adv = m.advisory();
    Vulnerability.Status status = switch (a.state()) {
      case WILL_NOT_FIX -> Vulnerability.Status.WILL_NOT_FIX;
      case UNDETERMINED -> Vulnerability.Status.UNDETERMINED;
      case RANGES -> verdict.fixedVersion() != null ? Vulnerability.Status.FIXED : Vulnerability.Status.UNFIXED;
    };
    Severity severity = a.severity() != null ? a.severity() : adv.severity();
    String severitySource = a.severity() != null && a.severitySource() != null ? a.severitySource() : adv.severitySource();
    return new Vulnerability(adv.id(), adv.aliases(), p.ecosystem(), p.displayName(), p.purl(), version,
        status == Vulnerability.Status.FIXED ? verdict.fixedVersion() : null, status, severity, severitySource,
        adv.cvssVector(), adv.cvssScore(), adv.source(), p.layer(), p.path(), adv.title(), adv.references());
  }
}
