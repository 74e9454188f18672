package dev.drydock.vuln.version;

import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Range;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether an installed version falls in one {@link Affected} entry, by the OSV evaluation algorithm.
 *
 * <p>The version is affected when it equals (by the scheme, not by string) one of the explicitly
 * listed {@code versions}, or when some non-{@code GIT} range includes it: the range's events are
 * sorted by version, {@code introduced: "0"} first; walking them, an {@code introduced} at or below
 * the version makes it vulnerable, a {@code fixed} at or below it or a {@code last_affected} below it
 * makes it not; and the version must be below at least one {@code limit} when the range has any
 * ({@code "*"} is infinity). An entry with neither ranges nor versions affects every version.
 * {@code GIT} ranges name commits, which an installed package does not carry: they are skipped.
 * Every version string of the entry is compared with the one given scheme, whatever the range's
 * declared type.
 *
 * <p>When affected, the verdict carries the lowest {@code fixed} version above the installed one
 * among the entry's ranges, if any. The entry's {@link Affected.FixState} is not consulted: whether
 * "will not fix" is reported is the matcher's decision.
 *
 * <p>An invalid installed version, or an invalid version in the entry, throws
 * {@link InvalidVersionException}: it is never read as "not affected".
 *
 * @see <a href="https://ossf.github.io/osv-schema/#evaluation">OSV evaluation</a>
 */
public final class AffectedVersions {

  private AffectedVersions() {}

  /** The outcome for one installed version. */
  public record Verdict(boolean affected, @Nullable String fixedVersion) {

    public static final Verdict NOT_AFFECTED = new Verdict(false, null);

    public Verdict {
      if (!affected && fixedVersion != null) {
        throw new IllegalArgumentException("an unaffected verdict has no fixed version");
      }
    }

    public static Verdict affected(@Nullable String fixedVersion) {
      return new Verdict(true, fixedVersion);
    }
  }

  public static Verdict evaluate(Affected a, String installedVersion, VersionScheme s) throws InvalidVersionException {
    s.compare(installedVersion, installedVersion); // validates
    boolean affected = a.ranges().isEmpty() && a.versions().isEmpty();
    for (String listed : a.versions()) {
      if (s.compare(installedVersion, listed) == 0) {
        affected = true;
        break;
      }
    }
    for (Range r : a.ranges()) {
      if (r.type() != Range.Type.GIT && !affected && includes(r, installedVersion, s)) {
        affected = true;
      }
    }
    if (!affected) {
      return Verdict.NOT_AFFECTED;
    }
    return Verdict.affected(lowestFixAbove(a, installedVersion, s));
  }

  private static boolean includes(Range r, String v, VersionScheme s) throws InvalidVersionException {
    if (!beforeLimits(r, v, s)) {
      return false;
    }
    boolean vulnerable = false;
    for (Range.Event e : sorted(r.events(), s)) {
      switch (e.kind()) {
        case INTRODUCED -> {
          if (isZero(e) || s.compare(v, e.version()) >= 0) {
            vulnerable = true;
          }
        }
        case FIXED -> {
          if (s.compare(v, e.version()) >= 0) {
            vulnerable = false;
          }
        }
        case LAST_AFFECTED -> {
          if (s.compare(v, e.version()) > 0) {
            vulnerable = false;
          }
        }
        case LIMIT -> {
          // handled by beforeLimits
        }
      }
    }
    return vulnerable;
  }

  private static boolean beforeLimits(Range r, String v, VersionScheme s) throws InvalidVersionException {
    boolean anyLimit = false;
    for (Range.Event e : r.events()) {
      if (e.kind() == Range.Kind.LIMIT) {
        anyLimit = true;
        if (e.version().contains("*") || s.compare(v, e.version()) < 0) {
          return true;
        }
      }
    }
    return !anyLimit;
  }

  private static boolean isZero(Range.Event e) {
    return e.kind() == Range.Kind.INTRODUCED && e.version().equals("0");
  }

  /** A stable insertion sort by version ({@code introduced: "0"} lowest; limits keep their place at the end). */
  private static List<Range.Event> sorted(List<Range.Event> events, VersionScheme s) throws InvalidVersionException {
    List<Range.Event> out = new ArrayList<>(events.size());
    for (Range.Event e : events) {
      if (e.kind() == Range.Kind.LIMIT) {
        continue;
      }
      int i = out.size();
      while (i > 0 && lessThan(e, out.get(i - 1), s)) {
        i--;
      }
      out.add(i, e);
    }
    return out;
  }

  private static boolean lessThan(Range.Event x, Range.Event y, VersionScheme s) throws InvalidVersionException {
    if (isZero(y)) {
      return false;
    }
    if (isZero(x)) {
      return true;
    }
    return s.compare(x.version(), y.version()) < 0;
  }

  private static @Nullable String lowestFixAbove(Affected a, String v, VersionScheme s) throws InvalidVersionException {
    String best = null;
    for (Range r : a.ranges()) {
      if (r.type() == Range.Type.GIT) {
        continue;
      }
      for (Range.Event e : r.events()) {
        if (e.kind() == Range.Kind.FIXED && s.compare(e.version(), v) > 0
            && (best == null || s.compare(e.version(), best) < 0)) {
          best = e.version();
        }
      }
    }
    return best;
  }
}
