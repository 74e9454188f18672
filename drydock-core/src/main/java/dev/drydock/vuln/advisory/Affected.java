package dev.drydock.vuln.advisory;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The versions of one package in one ecosystem that an advisory affects.
 *
 * @param ecosystem normalised ecosystem key (see {@link Ecosystems}): {@code Debian:12},
 *     {@code Ubuntu:22.04}, {@code Alpine:v3.19}, {@code Maven}, {@code npm}, {@code PyPI},
 *     {@code Go}, {@code crates.io}, {@code RubyGems}, {@code Packagist}, {@code NuGet}
 * @param packageName the name matchers look up: the <em>source</em> package for distributions,
 *     {@code groupId:artifactId} for Maven, the PEP 503 normalised name for PyPI, the module path
 *     for Go (the standard library is {@code stdlib})
 * @param ranges OSV-style event ranges; empty with an empty {@code versions} list means every version
 * @param versions versions listed explicitly as affected
 * @param state whether a fix exists or is planned
 * @param severity a distribution's own rating for this package (e.g. Debian's urgency), overriding
 *     the advisory's when present
 */
public record Affected(
    String ecosystem,
    String packageName,
    List<Range> ranges,
    List<String> versions,
    FixState state,
    @Nullable Severity severity,
    @Nullable String severitySource) {

  public Affected {
    if (ecosystem.isBlank() || packageName.isBlank()) {
      throw new IllegalArgumentException("affected entry needs an ecosystem and a package");
    }
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }

  /** How a vulnerable package can be remedied. */
  public enum FixState {
    /** The ranges say which versions fix it (or none yet: then it is unfixed). */
    RANGES,
    /** The distribution decided not to fix it in this release ({@code nodsa: ignored}, "will not fix"). */
    WILL_NOT_FIX,
    /** The distribution has not determined whether the package is affected. */
    UNDETERMINED
  }
}
