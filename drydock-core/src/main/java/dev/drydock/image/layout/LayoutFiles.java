package dev.drydock.image.layout;

import dev.drydock.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of an image layout, whether a directory or an uncompressed tar archive of one. */
interface LayoutFiles {

  boolean exists(String path);

  InputStream open(String path) throws IOException;

  byte[] read(String path, long max) throws IOException;

  String describe();

  static LayoutFiles directory(Path dir) {
    return new LayoutFiles() {
      @Override
      public boolean exists(String path) {
        return Files.isRegularFile(dir.resolve(path));
      }

      @Override
      public InputStream open(String path) throws IOException {
        Path f = dir.resolve(path);
        if (!Files.isRegularFile(f)) {
          throw new ImageException("image layout " + dir + " has no " + path);
        }
        return Files.newInputStream(f);
      }

      @Override
      public byte[] read(String path, long max) throws IOException {
        Path f = dir.resolve(path);
        if (!Files.isRegularFile(f)) {
          throw new ImageException("image layout " + dir + " has no " + path);
        }
        if (Files.size(f) > max) {
          throw new ImageException(path + " in " + dir + " is larger than " + max + " bytes");
        }
        return Files.readAllBytes(f);
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  static LayoutFiles archive(Path file) throws IOException {
    TarIndex index = TarIndex.read(file);
    return new LayoutFiles() {
      @Override
      public boolean exists(String path) {
        return index.has(path);
      }

      @Override
      public InputStream open(String path) throws IOException {
        return index.open(path);
      }

      @Override
      public byte[] read(String path, long max) throws IOException {
        return index.readSmall(path, max);
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }
}
