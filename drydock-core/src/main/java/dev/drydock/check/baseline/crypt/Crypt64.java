package dev.drydock.check.baseline.crypt;

import java.io.ByteArrayOutputStream;

/**
 * The base-64 encodings of yescrypt's {@code $y$} strings: the crypt alphabet
 * {@code ./0-9A-Za-z}, little-endian, as yescrypt's {@code yescrypt-common.c} defines them
 * (variable-length integers for parameters, 24-bit groups for salts and hashes).
 */
final class Crypt64 {

  static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Crypt64() {}

  /** The value of one character, or -1 when it is not in the alphabet. */
  static int value(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 38;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 12;
    }
    if (c >= '.' && c <= '9') {
      return c - '.';
    }
    return -1;
  }

  /** A cursor over a string for {@link #uint32}. */
  static final class Cursor {
    final String s;
    int pos;

    Cursor(String s, int pos) {
      this.s = s;
      this.pos = pos;
    }

    int peek() {
      return pos < s.length() ? s.charAt(pos) : -1;
    }
  }

  /**
   * Decodes one variable-length integer (yescrypt's {@code decode64_uint32}): the first
   * character says how many follow. Returns -1 when malformed or beyond 32 bits.
   */
  static long uint32(Cursor in, long min) {
    if (in.pos >= in.s.length()) {
      return -1;
    }
    int c = value(in.s.charAt(in.pos++));
    if (c < 0) {
      return -1;
    }
    long dst = min;
    int start = 0;
    int end = 47;
    int chars = 1;
    int bits = 0;
    while (c > end) {
      dst += (long) (end + 1 - start) << bits;
      start = end + 1;
      end = start + (62 - end) / 2;
      chars++;
      bits += 6;
    }
    dst += (long) (c - start) << bits;
    while (--chars > 0) {
      if (in.pos >= in.s.length()) {
        return -1;
      }
      c = value(in.s.charAt(in.pos++));
      if (c < 0) {
        return -1;
      }
      bits -= 6;
      dst += (long) c << bits;
    }
    return dst > 0xffffffffL ? -1 : dst;
  }

  /**
   * Decodes a salt (yescrypt's {@code decode64}): groups of four characters give three bytes; a
   * final group of two or three characters gives one or two bytes whose unused high bits must be
   * zero. Returns null when malformed or longer than {@code max} bytes.
   */
  static byte[] decode(String s, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      int value = 0;
      int bits = 0;
      while (i < s.length() && bits < 24) {
        int c = value(s.charAt(i));
        if (c < 0) {
          return null;
        }
        value |= c << bits;
        bits += 6;
        i++;
      }
      if (bits < 12) {
        return null;
      }
      while (bits >= 8) {
        out.write(value & 0xff);
        value >>>= 8;
        bits -= 8;
      }
      if (value != 0) {
        return null;
      }
    }
    return out.size() > max ? null : out.toByteArray();
  }

  /** Encodes bytes (yescrypt's {@code encode64}): three bytes to four characters, little-endian. */
  static String encode(byte[] src) {
    StringBuilder out = new StringBuilder((src.length * 8 + 5) / 6);
    for (int i = 0; i < src.length; ) {
      int value = 0;
      int bits = 0;
      do {
        value |= (src[i++] & 0xff) << bits;
        bits += 8;
      } while (bits < 24 && i < src.length);
      for (int b = 0; b < bits; b += 6) {
        out.append(ALPHABET.charAt(value & 0x3f));
        value >>>= 6;
      }
    }
    return out.toString();
  }
}
