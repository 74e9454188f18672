package dev.drydock.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.advisory.Range.Event;
import dev.drydock.vuln.advisory.Range.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The database's JSON columns: what is written reads back identically, by the fast path or Jackson. */
class AdvisoryRowCodecTest {

  private static final String ALPHABET = "aZ09.-_:~+/ \"\\\n\t\u0001\u001f\u007fé€\uD83D\uDE00{}[],";

  @Test
  void stringsRoundTripWhateverTheyContain() {
    Random r = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      List<String> values = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        StringBuilder sb = new StringBuilder();
        for (int len = r.nextInt(12); len > 0; len--) {
          int at = r.nextInt(ALPHABET.length());
          if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
            sb.append(ALPHABET, at, at + 2);
          } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
            sb.append(ALPHABET.charAt(at));
          }
        }
        values.add(sb.toString());
      }
      byte[] json = RowCodec.strings(values).getBytes(StandardCharsets.UTF_8);
      assertThat(JsonColumns.strings(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(values);
      assertThat(RowCodec.strings(json)).isEqualTo(values);
    }
  }

  @Test
  void rangesRoundTrip() {
    List<Range> ranges = List.of(
        new Range(Range.Type.ECOSYSTEM, List.of(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "1:2.36-9+deb12u3"))),
        new Range(Range.Type.SEMVER, List.of(new Event(Kind.INTRODUCED, "1.19.0-0"), new Event(Kind.LAST_AFFECTED, "1.19.1"),
            new Event(Kind.LIMIT, "2.0.0"))),
        new Range(Range.Type.GIT, List.of(new Event(Kind.FIXED, "2545222a3853e31ace15d87ae0e2effb7da0c96b"))),
        new Range(Range.Type.ECOSYSTEM, List.of()));
    byte[] json = RowCodec.ranges(ranges).getBytes(StandardCharsets.UTF_8);
    assertThat(JsonColumns.ranges(json)).isEqualTo(ranges);
    assertThat(RowCodec.ranges(json)).isEqualTo(ranges);
    assertThat(RowCodec.ranges(RowCodec.ranges(List.of()).getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void otherwiseFormattedJsonFallsBackToJackson() {
    byte[] spaced = "[ {\"events\": [ {\"fixed\": \"1.2\"} ], \"type\": \"SEMVER\"} ]".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonColumns.ranges(spaced)).isNull();
    assertThat(RowCodec.ranges(spaced)).containsExactly(new Range(Range.Type.SEMVER, List.of(new Event(Kind.FIXED, "1.2"))));
    byte[] strings = "[ \"a\", \"b\\u00e9\" ]".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonColumns.strings(strings)).isNull();
    assertThat(RowCodec.strings(strings)).containsExactly("a", "bé");
  }

  @Test
  void countsRoundTrip() {
    Map<String, Long> counts = Map.of("unsupported ecosystem Hex", 3L, "withdrawn \"advisory\"", 1L);
    assertThat(RowCodec.counts(RowCodec.counts(counts))).isEqualTo(counts);
  }
}
