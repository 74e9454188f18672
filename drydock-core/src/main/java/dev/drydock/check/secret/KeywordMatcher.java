package dev.drydock.check.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An Aho-Corasick automaton over bytes that finds every occurrence of many keywords in one pass,
 * ignoring ASCII case. Each keyword carries a bit mask (the secret rules it stands for); the
 * automaton reports, per state, the OR of the masks of every keyword ending there, so a scan is
 * one table look-up and one OR per byte, whatever the number of keywords.
 *
 * <p>Hand-written rather than taken from a library: the Java Aho-Corasick libraries on Maven
 * Central ({@code org.ahocorasick:ahocorasick}, hankcs's double-array trie) match {@code String}s,
 * not bytes, so they would need the whole file decoded in memory, cannot carry their state across
 * the chunks an {@link dev.drydock.index.Analyzer.FileSink} receives, and have not been released
 * for years. The automaton here keeps its state in one {@code int}, which the caller carries
 * from chunk to chunk.
 *
 * <p>The transition table is complete (a DFA: failure links are folded in when it is built), so
 * {@link #next} never loops. Immutable and thread-safe once built.
 *
 * @see <a href="https://doi.org/10.1145/360825.360855">Aho &amp; Corasick, Efficient string matching (1975)</a>
 */
final class KeywordMatcher {

  /** The state before any byte, and after any byte that continues no keyword. */
  static final int START = 0;

  private final int[] delta; // state * 256 + byte -> state
  private final long[] masks; // state -> OR of the masks of keywords ending here

  /**
   * @param keywords non-empty ASCII keywords, compared case-insensitively
   * @param keywordMasks the mask reported for each keyword (same order)
   */
  KeywordMatcher(List<String> keywords, List<Long> keywordMasks) {
    if (keywords.size() != keywordMasks.size()) {
      throw new IllegalArgumentException("one mask per keyword");
    }
    // The trie, with goto edges as a growable table.
    List<int[]> go = new ArrayList<>();
    List<Long> out = new ArrayList<>();
    go.add(newRow());
    out.add(0L);
    for (int k = 0; k < keywords.size(); k++) {
      byte[] word = keywords.get(k).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      if (word.length == 0) {
        throw new IllegalArgumentException("empty keyword");
      }
      int s = START;
      for (byte b : word) {
        int c = b & 0xff;
        if (go.get(s)[c] < 0) {
          go.get(s)[c] = go.size();
          go.add(newRow());
          out.add(0L);
        }
        s = go.get(s)[c];
      }
      out.set(s, out.get(s) | keywordMasks.get(k));
    }
    // Breadth-first: failure links, folded into a complete transition table.
    int n = go.size();
    int[] fail = new int[n];
    delta = new int[n * 256];
    masks = new long[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      int t = go.get(START)[c];
      if (t < 0) {
        delta[c] = START;
      } else {
        delta[c] = t;
        fail[t] = START;
        queue.add(t);
      }
    }
    masks[START] = out.get(START);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      masks[s] = out.get(s) | masks[fail[s]];
      for (int c = 0; c < 256; c++) {
        int t = go.get(s)[c];
        if (t < 0) {
          delta[s * 256 + c] = delta[fail[s] * 256 + c];
        } else {
          delta[s * 256 + c] = t;
          fail[t] = delta[fail[s] * 256 + c];
          queue.add(t);
        }
      }
    }
    // Upper-case ASCII letters behave as their lower-case forms.
    for (int s = 0; s < n; s++) {
      for (int c = 'A'; c <= 'Z'; c++) {
        delta[s * 256 + c] = delta[s * 256 + (c | 0x20)];
      }
    }
  }

  private static int[] newRow() {
    int[] row = new int[256];
    Arrays.fill(row, -1);
    return row;
  }

  /** The state after reading {@code b} in state {@code state}. */
  int next(int state, byte b) {
    return delta[(state << 8) | (b & 0xff)];
  }

  /** The OR of the masks of the keywords that end at this state (0 when none). */
  long mask(int state) {
    return masks[state];
  }

  /** The OR of the masks of every keyword occurring in {@code text} (for short texts). */
  long scan(byte[] text) {
    int s = START;
    long hits = 0;
    for (byte b : text) {
      s = next(s, b);
      hits |= masks[s];
    }
    return hits;
  }
}
