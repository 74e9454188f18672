package dev.drydock.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.IndexReport;
import dev.drydock.index.LayerCache;
import dev.drydock.report.ImageReport;
import dev.drydock.scan.ScannerKind;
import dev.drydock.vuln.db.AdvisoryDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "match", mixinStandardHelpOptions = true,
    description = {"Match a saved inventory (`drydock scan --save-index FILE`) against the current advisory database,",
        "without touching the image: index once, match often."})
final class MatchCommand implements Callable<Integer> {

  @ParentCommand
  DrydockCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "An IndexReport written by --save-index.")
  Path file;

  @Mixin
  ScanOutput output;

  @Mixin
  DbCommand.DbOption db = new DbCommand.DbOption();

  @Override
  public Integer call() throws IOException {
    IndexReport index;
    try {
      index = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .readValue(file.toFile(), IndexReport.class);
    } catch (IOException e) {
      throw new IOException("cannot read inventory " + file + ": " + e.getMessage(), e);
    }
    if (index.schemaVersion() != IndexReport.SCHEMA_VERSION) {
      throw new IOException(file + " is an inventory of schema " + index.schemaVersion() + "; this Drydock reads "
          + IndexReport.SCHEMA_VERSION + ": scan the image again");
    }
    Set<ScannerKind> kinds = EnumSet.of(ScannerKind.VULN);
    ImageReport report;
    try (AdvisoryDatabase database = Scanners.openDatabase(kinds, db.path())) {
      report = Scanners.build(kinds, database, LayerCache.NONE).report(index);
    }
    return output.emit(report, parent.streams);
  }
}
