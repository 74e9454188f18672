package dev.drydock.report;

import java.io.IOException;
import java.io.OutputStream;

/** Renders an {@link ImageReport} in one format. Writers never close the stream. */
public interface ReportWriter {
  void write(ImageReport report, OutputStream out) throws IOException;
}
