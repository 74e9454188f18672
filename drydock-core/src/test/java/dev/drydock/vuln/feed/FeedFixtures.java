package dev.drydock.vuln.feed;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Feed fixtures ({@code src/test/resources/testdata/feeds}, see its README) and a sink that keeps everything. */
public final class FeedFixtures {

  public static final Path FEEDS = Path.of("src/test/resources/testdata/feeds");

  private FeedFixtures() {}

  public static Path feed(String relative) {
    return FEEDS.resolve(relative);
  }

  /** Keeps advisories, skip reasons and warnings. */
  public static final class CollectingSink implements FeedSink {
    public final List<Advisory> advisories = new ArrayList<>();
    public final Map<String, Long> skipped = new TreeMap<>();
    public final Map<String, Long> warnings = new TreeMap<>();

    @Override
    public void advisory(Advisory advisory) {
      advisories.add(advisory);
    }

    @Override
    public void skipped(String reason) {
      skipped.merge(reason, 1L, Long::sum);
    }

    @Override
    public void warning(String reason) {
      warnings.merge(reason, 1L, Long::sum);
    }

    /** The one advisory with this id (fails when there is none or several). */
    public Advisory get(String id) {
      List<Advisory> found = advisories.stream().filter(a -> a.id().equals(id)).toList();
      if (found.size() != 1) {
        throw new AssertionError(found.size() + " advisories with id " + id + " among "
            + advisories.stream().map(Advisory::id).toList());
      }
      return found.get(0);
    }

    /** All affected entries of every advisory with this id. */
    public List<Affected> affected(String id) {
      return advisories.stream().filter(a -> a.id().equals(id)).flatMap(a -> a.affected().stream()).toList();
    }
  }
}
