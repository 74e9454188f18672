package dev.drydock.check.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Aho-Corasick automaton against a naive search. */
class SecretKeywordMatcherTest {

  @Test
  void findsOverlappingAndNestedKeywordsIgnoringCase() {
    KeywordMatcher m = new KeywordMatcher(List.of("he", "she", "his", "hers", "private key-----"), List.of(1L, 2L, 4L, 8L, 16L));
    assertThat(m.scan("USHERS".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1L | 2L | 8L);
    assertThat(m.scan("-----BEGIN RSA PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII))).isEqualTo(16L);
    assertThat(m.scan("hi s".getBytes(StandardCharsets.US_ASCII))).isZero();
  }

  @Test
  void agreesWithANaiveSearchOnRandomText() {
    Random random = new Random(7);
    String alphabet = "abcAB_-:";
    List<String> words = new ArrayList<>();
    List<Long> masks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder w = new StringBuilder();
      for (int k = 1 + random.nextInt(5); k > 0; k--) {
        w.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      words.add(w.toString().toLowerCase(Locale.ROOT));
      masks.add(1L << i);
    }
    KeywordMatcher m = new KeywordMatcher(words, masks);
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(60); k > 0; k--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      long want = 0;
      String lower = text.toString().toLowerCase(Locale.ROOT);
      for (int i = 0; i < words.size(); i++) {
        if (lower.contains(words.get(i))) {
          want |= masks.get(i);
        }
      }
      assertThat(m.scan(text.toString().getBytes(StandardCharsets.US_ASCII))).as("%s", text).isEqualTo(want);
    }
  }

  @Test
  void stateCarriesAcrossChunks() {
    KeywordMatcher m = new KeywordMatcher(List.of("glpat-"), List.of(1L));
    int s = KeywordMatcher.START;
    long hits = 0;
    for (byte b : "token: GLP".getBytes(StandardCharsets.US_ASCII)) {
      s = m.next(s, b);
      hits |= m.mask(s);
    }
    assertThat(hits).isZero();
    for (byte b : "AT-abc".getBytes(StandardCharsets.US_ASCII)) {
      s = m.next(s, b);
      hits |= m.mask(s);
    }
    assertThat(hits).isEqualTo(1L);
  }
}
