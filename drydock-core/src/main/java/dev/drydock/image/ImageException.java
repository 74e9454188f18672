package dev.drydock.image;

import java.io.IOException;

/**
 * Reading an image failed. The message is one line that names what failed and on what, e.g.
 * {@code manifest unknown: 127.0.0.1:5000/team/app:1.0}; the CLI prints it as is.
 */
public class ImageException extends IOException {
  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
