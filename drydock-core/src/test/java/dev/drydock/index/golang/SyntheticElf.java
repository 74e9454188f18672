package dev.drydock.index.golang;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 little-endian files for tests: program headers, a Go note, bytes placed at
 * chosen offsets, and build-info blobs in both formats.
 */
final class SyntheticElf {

  static final int PT_LOAD = 1;
  static final int PT_NOTE = 4;
  static final int PF_R = 4;
  static final int PF_W = 2;

  private record Segment(int type, int flags, long offset, long filesz, long align) {}

  private record Placement(int offset, byte[] bytes) {}

  private final List<Segment> segments = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();
  private final int size;

  SyntheticElf(int size) {
    this.size = size;
  }

  SyntheticElf segment(int type, int flags, long offset, long filesz) {
    segments.add(new Segment(type, flags, offset, filesz, type == PT_NOTE ? 4 : 0x1000));
    return this;
  }

  SyntheticElf put(int offset, byte[] bytes) {
    placements.add(new Placement(offset, bytes));
    return this;
  }

  /** A {@code PT_NOTE} segment at 0x400 holding a Go build-ID note. */
  SyntheticElf goNote() {
    ByteBuffer n = ByteBuffer.allocate(12 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    n.putInt(4).putInt(8).putInt(4).put("Go\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(new byte[8]);
    return segment(PT_NOTE, PF_R, 0x400, n.capacity()).put(0x400, n.array());
  }

  byte[] build() {
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1);
    b.putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) segments.size());
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      int p = 64 + i * 56;
      b.putInt(p, s.type()).putInt(p + 4, s.flags()).putLong(p + 8, s.offset())
          .putLong(p + 16, 0x400000 + s.offset()).putLong(p + 24, 0x400000 + s.offset())
          .putLong(p + 32, s.filesz()).putLong(p + 40, s.filesz()).putLong(p + 48, s.align());
    }
    for (Placement pl : placements) {
      b.put(pl.offset(), pl.bytes());
    }
    return b.array();
  }

  /** A Go 1.18+ blob: header with inline flag, then the version and framed module info. */
  static byte[] inlineBlob(String goVersion, String modInfo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(8, 2));
    writeString(out, goVersion.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    framed.writeBytes(new byte[16]);
    framed.writeBytes(modInfo.getBytes(StandardCharsets.UTF_8));
    framed.writeBytes(new byte[16]);
    writeString(out, modInfo.isEmpty() ? new byte[0] : framed.toByteArray());
    return out.toByteArray();
  }

  /** A 32-byte header: magic, pointer size, flags, zeros. */
  static byte[] header(int ptrSize, int flags) {
    byte[] h = new byte[32];
    System.arraycopy(BuildInfoBlob.MAGIC, 0, h, 0, 14);
    h[14] = (byte) ptrSize;
    h[15] = (byte) flags;
    return h;
  }

  static void writeUvarint(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void writeString(ByteArrayOutputStream out, byte[] s) {
    writeUvarint(out, s.length);
    out.writeBytes(s);
  }
}
