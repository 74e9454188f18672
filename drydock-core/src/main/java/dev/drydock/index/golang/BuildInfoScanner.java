package dev.drydock.index.golang;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Finds and reads Go's build-info blob in one forward pass over a file, keeping a bounded amount
 * of it: the first {@value #HEAD_MAX} bytes (ELF file and program headers, notes), then nothing
 * but the blob itself, at most {@value #CAPTURE_MAX} bytes. A file that does not start with the
 * ELF magic is dropped after its first four bytes.
 *
 * <p>The blob starts with {@link BuildInfoBlob#MAGIC} at a 16-byte-aligned file offset inside a
 * writable loadable segment (where the linker puts {@code .go.buildinfo}); the magic may straddle
 * the chunks the bytes arrive in. A candidate whose pointer size or flags are not ones Go writes is
 * skipped and the scan goes on, so a copy of the magic in a program's data does not stop it.
 *
 * <p>Not thread-safe: one scanner per file.
 */
final class BuildInfoScanner {

  static final int HEAD_MAX = 64 << 10;
  static final int CAPTURE_MAX = 1 << 20;
  private static final int ALIGN = 16;
  private static final byte[] MAGIC = BuildInfoBlob.MAGIC;

  /** What the scan found. */
  sealed interface Outcome {}

  /** Not a Go binary: not ELF, or an ELF file with neither build info nor a Go note. */
  record NotGo() implements Outcome {}

  /** Build info read. */
  record Found(BuildInfoBlob.Strings strings) implements Outcome {}

  /** A Go binary whose build info cannot be read, and why. */
  record Unreadable(String reason) implements Outcome {}

  private enum State { HEAD, SCAN, CAPTURE, DONE }

  private State state = State.HEAD;
  private byte @Nullable [] head;
  private int headLen;
  private ElfLayout elf = new ElfLayout(null, false);
  /** File offset of the next byte {@link #consume} gets. */
  private long pos;
  /** Bytes of the magic matched at the end of the previous chunk, from an aligned offset. */
  private int carry;
  private byte[] capture = new byte[0];
  private int captureLen;
  private long captureStart;
  private boolean headerChecked;
  private @Nullable Outcome outcome;

  /** @param expectedSize the file size as the tar says, to size the head buffer */
  BuildInfoScanner(long expectedSize) {
    head = new byte[(int) Math.clamp(expectedSize, 64, HEAD_MAX)];
  }

  void write(byte[] b, int off, int len) {
    if (state == State.HEAD) {
      byte[] h = head;
      int n = Math.min(len, h.length - headLen);
      System.arraycopy(b, off, h, headLen, n);
      headLen += n;
      off += n;
      len -= n;
      if (headLen >= 4 && !ElfLayout.isElf(h, headLen)) {
        done(new NotGo());
        return;
      }
      if (headLen < h.length) {
        return;
      }
      endHead();
    }
    consume(b, off, len);
  }

  /** The result; call once after the last {@link #write}. */
  Outcome finish() {
    if (state == State.HEAD) {
      if (!ElfLayout.isElf(head, headLen)) {
        done(new NotGo());
      } else {
        endHead();
      }
    }
    if (outcome != null) {
      return outcome;
    }
    if (state == State.CAPTURE) {
      return done(new Unreadable("the file ends inside its Go build info (truncated?)"));
    }
    return done(elf.goNote()
        ? new Unreadable("Go binary (it has a Go build-ID note) without Go build info: built before"
            + " Go 1.13 or with gccgo, or truncated")
        : new NotGo());
  }

  /** Bytes this scanner holds on to, for tests of its memory bound. */
  int retainedBytes() {
    return (head == null ? 0 : head.length) + capture.length;
  }

  private void endHead() {
    byte[] h = head;
    elf = ElfLayout.parse(h, headLen);
    state = State.SCAN;
    head = null;
    consume(h, 0, headLen);
  }

  private Outcome done(Outcome o) {
    outcome = o;
    state = State.DONE;
    head = null;
    capture = new byte[0];
    return o;
  }

  private void consume(byte[] b, int off, int len) {
    while (len > 0 && (state == State.SCAN || state == State.CAPTURE)) {
      int used = state == State.SCAN ? scan(b, off, len) : capture(b, off, len);
      pos += used;
      off += used;
      len -= used;
    }
  }

  /** Looks for the magic at aligned offsets; returns how many bytes it consumed. */
  private int scan(byte[] b, int off, int len) {
    if (carry > 0) {
      int n = Math.min(MAGIC.length - carry, len);
      if (!Arrays.equals(b, off, off + n, MAGIC, carry, carry + n)) {
        carry = 0;
        return 0;
      }
      carry += n;
      if (carry == MAGIC.length) {
        startCapture(pos + n - MAGIC.length);
        appendCapture(MAGIC, 0, MAGIC.length);
        carry = 0;
      }
      return n;
    }
    long first = (pos + ALIGN - 1) & -ALIGN;
    for (long i = first - pos; i < len; i += ALIGN) {
      int at = off + (int) i;
      if (b[at] != MAGIC[0] || !elf.mayHoldBuildInfo(pos + i)) {
        continue;
      }
      int n = (int) Math.min(MAGIC.length, len - i);
      if (Arrays.equals(b, at, at + n, MAGIC, 0, n)) {
        if (n < MAGIC.length) {
          carry = n;
          return len;
        }
        startCapture(pos + i);
        return (int) i;
      }
    }
    return len;
  }

  private void startCapture(long at) {
    state = State.CAPTURE;
    captureStart = at;
    captureLen = 0;
    headerChecked = false;
    capture = new byte[4096];
  }

  /** Buffers blob bytes until the blob is complete; returns how many bytes it consumed. */
  private int capture(byte[] b, int off, int len) {
    if (!headerChecked) {
      int n = Math.min(len, BuildInfoBlob.HEADER - captureLen);
      appendCapture(b, off, n);
      if (captureLen == BuildInfoBlob.HEADER) {
        checkHeader();
      }
      return n;
    }
    long need = BuildInfoBlob.requiredLength(capture, captureLen);
    // Until the length prefixes are in, take small steps: the version is at most ~1 KiB.
    int n = (int) Math.min(len, need > 0 ? need - captureLen : 64);
    appendCapture(b, off, n);
    settle();
    return n;
  }

  /** Ends the capture once the blob is complete, malformed or over the limit. */
  private void settle() {
    long need = BuildInfoBlob.requiredLength(capture, captureLen);
    if (need == BuildInfoBlob.MALFORMED) {
      done(new Unreadable("malformed Go build info at file offset " + captureStart));
    } else if (need > CAPTURE_MAX) {
      done(new Unreadable("Go build info at file offset " + captureStart + " is " + need
          + " bytes, over the " + CAPTURE_MAX + "-byte limit"));
    } else if (need > 0 && captureLen >= need) {
      done(new Found(BuildInfoBlob.decode(capture, (int) need)));
    }
  }

  private void checkHeader() {
    if (!BuildInfoBlob.plausibleHeader(capture)) {
      // Not the blob: rescan what followed the magic, then go on with the stream.
      byte[] rest = Arrays.copyOfRange(capture, ALIGN, captureLen);
      long resume = captureStart + ALIGN;
      state = State.SCAN;
      capture = new byte[0];
      long saved = pos;
      pos = resume;
      consume(rest, 0, rest.length);
      pos = saved;
      return;
    }
    if (!BuildInfoBlob.isInline(capture)) {
      done(new Unreadable("Go build info in the pre-Go 1.18 format (pointers into the binary) is"
          + " not read: it needs random access to the file"));
      return;
    }
    headerChecked = true;
  }

  private void appendCapture(byte[] b, int off, int n) {
    if (captureLen + n > capture.length) {
      capture = Arrays.copyOf(capture, (int) Math.min(CAPTURE_MAX,
          Math.max(captureLen + (long) n, 2L * capture.length)));
    }
    System.arraycopy(b, off, capture, captureLen, n);
    captureLen += n;
  }
}
