package dev.drydock.cli;

import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.DatabaseStatus;
import dev.drydock.vuln.db.FeedSource;
import dev.drydock.vuln.db.ImportResult;
import dev.drydock.vuln.db.SourceStatus;
import dev.drydock.vuln.db.UpdateResult;
import dev.drydock.vuln.db.Updater;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "db", mixinStandardHelpOptions = true,
    description = {"Build, update and inspect the advisory database.",
        "Online: `drydock db update`. Air-gapped: copy feed files over and `drydock db import FILE…`",
        "(OSV JSON files, directories or zips such as osv.dev's all.zip; the Debian security tracker JSON;",
        "Alpine secdb JSON). The kind of each file is detected from its content."},
    subcommands = {DbCommand.Import.class, DbCommand.Status.class, DbCommand.Update.class})
final class DbCommand implements Runnable {

  @ParentCommand
  DrydockCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The {@code --db} option shared by every command that reads or writes the database. */
  static final class DbOption {
    @Option(names = "--db", paramLabel = "PATH",
        description = "Advisory database file (default: $XDG_DATA_HOME/drydock/advisories.db or ~/.local/share/drydock/advisories.db).")
    Path db;

    Path path() {
      return db != null ? db : AdvisoryDatabase.defaultPath();
    }
  }

  @Command(name = "import", description = "Import feed files (one source per file, replacing an earlier import of it).")
  static final class Import implements Callable<Integer> {
    @ParentCommand
    DbCommand parent;

    @picocli.CommandLine.Mixin
    DbOption db = new DbOption();

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      PrintStream out = parent.parent.streams.out();
      try (AdvisoryDatabase database = AdvisoryDatabase.open(db.path())) {
        for (ImportResult r : database.importFiles(files)) {
          out.println("imported " + r.location() + " (" + r.kind().id() + "): " + r.advisories() + " advisories, "
              + r.affected() + " affected entries" + skippedText(r.skipped()) + " in " + r.elapsed().toMillis() + " ms");
        }
        out.println("database: " + database.path());
      }
      return 0;
    }
  }

  @Command(name = "status", description = "Show what the database holds.")
  static final class Status implements Callable<Integer> {
    @ParentCommand
    DbCommand parent;

    @picocli.CommandLine.Mixin
    DbOption db = new DbOption();

    @Override
    public Integer call() throws IOException {
      PrintStream out = parent.parent.streams.out();
      Path path = db.path();
      if (!java.nio.file.Files.exists(path)) {
        parent.parent.streams.err().println("no advisory database at " + path
            + ": run `drydock db update` (online) or `drydock db import FILE…` (air-gapped)");
        return 1;
      }
      try (AdvisoryDatabase database = AdvisoryDatabase.openReadOnly(path)) {
        DatabaseStatus s = database.status();
        out.println("database:    " + s.path());
        out.println("schema:      " + s.schemaVersion());
        out.println("built:       " + (s.builtAt() == null ? "never" : s.builtAt()));
        out.println("advisories:  " + s.advisories() + " (" + s.affected() + " affected entries)");
        out.println("ecosystems:  " + String.join(", ", s.ecosystems().keySet()));
        out.println("sources:");
        for (SourceStatus src : s.sources()) {
          out.println("  " + src.name() + " [" + src.kind() + "] " + src.advisories() + " advisories, imported "
              + src.importedAt() + ", checked " + src.checkedAt() + ", sha256 " + src.sha256()
              + skippedText(src.skipped()));
        }
      }
      return 0;
    }
  }

  @Command(name = "update", description = {"Download the configured feeds and import what changed.",
      "Uses conditional requests (ETag / Last-Modified); a feed that fails keeps its previous data."})
  static final class Update implements Callable<Integer> {
    @ParentCommand
    DbCommand parent;

    @picocli.CommandLine.Mixin
    DbOption db = new DbOption();

    @Option(names = "--source", paramLabel = "NAME=URL",
        description = "A feed to use instead of the defaults (repeatable); the kind is detected from the content.")
    List<String> sources;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintStream out = parent.parent.streams.out();
      List<FeedSource> feeds = new ArrayList<>();
      if (sources == null || sources.isEmpty()) {
        feeds.addAll(FeedSource.defaults());
      } else {
        for (String s : sources) {
          int eq = s.indexOf('=');
          if (eq <= 0) {
            throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(), "--source needs NAME=URL, got " + s);
          }
          feeds.add(new FeedSource(s.substring(0, eq), URI.create(s.substring(eq + 1)), null));
        }
      }
      int failed = 0;
      try (AdvisoryDatabase database = AdvisoryDatabase.open(db.path())) {
        for (UpdateResult r : new Updater(database).update(feeds)) {
          switch (r) {
            case UpdateResult.Updated u -> out.println("updated   " + u.source().name() + ": " + u.result().advisories()
                + " advisories");
            case UpdateResult.Unchanged u -> out.println("unchanged " + u.source().name() + ": " + u.reason());
            case UpdateResult.Failed f -> {
              failed++;
              parent.parent.streams.err().println("failed    " + f.source().name() + ": " + f.message()
                  + " (previous data kept)");
            }
          }
        }
      }
      return failed == 0 ? 0 : 1;
    }
  }

  static String skippedText(java.util.Map<String, Long> skipped) {
    if (skipped == null || skipped.isEmpty()) {
      return "";
    }
    long n = skipped.values().stream().mapToLong(Long::longValue).sum();
    return ", " + n + " skipped " + skipped;
  }
}
