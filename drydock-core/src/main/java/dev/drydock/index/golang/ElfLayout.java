package dev.drydock.index.golang;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the first bytes of an ELF file say about where Go's build info may be: the file ranges of
 * its writable {@code PT_LOAD} segments (Go's linker puts the {@code .go.buildinfo} section at
 * the start of the data segment, and {@code debug/buildinfo} only looks there) and whether a
 * {@code PT_NOTE} segment holds a Go note (the {@code .note.go.buildid} that every {@code gc}-built
 * binary carries), which marks the file as a Go binary even when no build info is found.
 *
 * <p>Hand-written because the only part of ELF needed is the file header and the program header
 * table, read from a bounded prefix of a stream; Java ELF libraries want random access to the
 * whole file.
 *
 * @param writable file ranges {@code [start, end)} of writable loadable segments; null when the
 *     program headers could not be read from the prefix (then any offset may hold build info)
 * @param goNote whether a note named {@code Go} was found in a note segment within the prefix
 * @see <a href="https://refspecs.linuxfoundation.org/elf/gabi4+/ch5.pheader.html">ELF program header</a>
 * @see <a href="https://pkg.go.dev/debug/buildinfo">debug/buildinfo</a>
 */
record ElfLayout(@Nullable List<long[]> writable, boolean goNote) {

  private static final int PT_LOAD = 1;
  private static final int PT_NOTE = 4;
  private static final int PF_W = 2;
  private static final int MAX_NOTES = 64;

  /** Whether the file starts with the ELF magic {@code \x7fELF}; needs at least 4 bytes. */
  static boolean isElf(byte[] b, int len) {
    return len >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
  }

  /** Whether build info may start at file offset {@code off}. */
  boolean mayHoldBuildInfo(long off) {
    if (writable == null) {
      return true;
    }
    for (long[] r : writable) {
      if (off >= r[0] && off < r[1]) {
        return true;
      }
    }
    return false;
  }

  /** Reads the ELF header and program headers from {@code head[0, len)}; never throws. */
  static ElfLayout parse(byte[] head, int len) {
    if (!isElf(head, len) || len < 52) {
      return new ElfLayout(null, false);
    }
    boolean is64 = head[4] == 2;
    boolean big = head[5] == 2;
    if ((head[4] != 1 && !is64) || (head[5] != 1 && !big)) {
      return new ElfLayout(null, false);
    }
    Reader r = new Reader(head, len, big);
    long phoff = is64 ? r.u64(32) : r.u32(28);
    int phentsize = r.u16(is64 ? 54 : 42);
    int phnum = r.u16(is64 ? 56 : 44);
    int minEntry = is64 ? 56 : 32;
    if (phoff < 0 || phentsize < minEntry || phnum == 0 || phoff + (long) phnum * phentsize > len) {
      return new ElfLayout(null, false);
    }
    List<long[]> writable = new ArrayList<>();
    boolean goNote = false;
    for (int i = 0; i < phnum; i++) {
      int p = (int) phoff + i * phentsize;
      long type = r.u32(p);
      long flags = is64 ? r.u32(p + 4) : r.u32(p + 24);
      long offset = is64 ? r.u64(p + 8) : r.u32(p + 4);
      long filesz = is64 ? r.u64(p + 32) : r.u32(p + 16);
      long align = is64 ? r.u64(p + 48) : r.u32(p + 28);
      if (offset < 0 || filesz < 0 || offset + filesz < 0) {
        continue;
      }
      if (type == PT_LOAD && (flags & PF_W) != 0 && filesz > 0) {
        writable.add(new long[] {offset, offset + filesz});
      } else if (type == PT_NOTE && offset + filesz <= len) {
        goNote |= hasGoNote(r, (int) offset, (int) (offset + filesz), align == 8 ? 8 : 4);
      }
    }
    return new ElfLayout(List.copyOf(writable), goNote);
  }

  /** Walks the notes in {@code [start, end)}: namesz, descsz, type, then padded name and desc. */
  private static boolean hasGoNote(Reader r, int start, int end, int align) {
    int p = start;
    for (int n = 0; n < MAX_NOTES && p + 12 <= end; n++) {
      long namesz = r.u32(p);
      long descsz = r.u32(p + 4);
      int name = p + 12;
      if (namesz >= 3 && name + 3 <= end
          && r.b[name] == 'G' && r.b[name + 1] == 'o' && r.b[name + 2] == 0) {
        return true;
      }
      long next = name + pad(namesz, align) + pad(descsz, align);
      if (next <= p || next > end) {
        return false;
      }
      p = (int) next;
    }
    return false;
  }

  private static long pad(long n, int align) {
    return (n + align - 1) / align * align;
  }

  /** Bounds-checked fixed-width reads; out-of-range reads yield -1. */
  private record Reader(byte[] b, int len, boolean big) {
    long u(int off, int width) {
      if (off < 0 || off + width > len) {
        return -1;
      }
      long v = 0;
      for (int i = 0; i < width; i++) {
        int byteAt = big ? off + i : off + width - 1 - i;
        v = (v << 8) | (b[byteAt] & 0xff);
      }
      return v;
    }

    int u16(int off) {
      return (int) u(off, 2);
    }

    long u32(int off) {
      return u(off, 4);
    }

    /** Values above {@code Long.MAX_VALUE} come back negative and are rejected by callers. */
    long u64(int off) {
      return u(off, 8);
    }
  }
}
