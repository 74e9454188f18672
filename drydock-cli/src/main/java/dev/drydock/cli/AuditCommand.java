package dev.drydock.cli;

import dev.drydock.server.DrydockServer;
import dev.drydock.server.audit.AuditFilter;
import dev.drydock.server.audit.AuditQuery;
import dev.drydock.server.audit.AuditRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Show the API audit trail: every call with its time, AccessKey, user, action, parameters "
        + "(secrets masked), source address, answer and latency.",
        "Reads the server's database (same --data-dir / --db-url as serve). With the embedded H2 database, stop the "
            + "server first (H2 allows one process); with PostgreSQL, run it any time."})
final class AuditCommand implements Callable<Integer> {

  private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");
  /** Built on first use: a Jackson 3 mapper costs every other command's start-up a fifth of a second. */
  private static final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
  }

  @ParentCommand
  DrydockCommand parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ServerOptions server;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Calls at or after TIME: 2026-05-01T08:00:00Z, 2026-05-01 (UTC), or a span back from now: 30m, 24h, 7d.")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Calls before TIME (same forms as --since).")
  String until;

  @Option(names = "--access-key", paramLabel = "ID", description = "Calls made with this AccessKeyId.")
  String accessKey;

  @Option(names = "--user", paramLabel = "NAME", description = "Calls by this RAM user.")
  String user;

  @Option(names = "--action", paramLabel = "ACTION", description = "Calls of this Action; * is a wildcard (Describe*).")
  String action;

  @Option(names = "--code", paramLabel = "CODE", description = "Calls answered with this code (OK, NoPermission, …).")
  String code;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
      description = "At most N calls, oldest first (default: ${DEFAULT-VALUE}; 0 = no limit).")
  int limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default) or jsonl (one JSON object per line, for export).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("table") && !format.equals("jsonl")) {
      throw new ParameterException(spec.commandLine(), "--format must be table or jsonl, got " + format);
    }
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must not be negative");
    }
    Instant now = Instant.now();
    AuditFilter filter = new AuditFilter(time(since, "--since", now), time(until, "--until", now),
        Optional.ofNullable(accessKey), Optional.ofNullable(user), Optional.ofNullable(action), Optional.ofNullable(code),
        limit == 0 ? Integer.MAX_VALUE : limit);
    try (ConfigurableApplicationContext ctx = DrydockServer.startOffline(server.settings(null));
        OutputStream file = output == null ? null : Files.newOutputStream(output)) {
      PrintStream out = file == null ? parent.streams.out() : new PrintStream(file, false, StandardCharsets.UTF_8);
      if (format.equals("table")) {
        out.printf("%-20s %-24s %-16s %-32s %-28s %-6s %-15s %s%n", "TIME", "ACCESS KEY ID", "USER", "ACTION", "CODE",
            "STATUS", "SOURCE IP", "MS");
      }
      ctx.getBean(AuditQuery.class).forEach(filter, r -> out.println(format.equals("table") ? row(r) : json(r)));
      out.flush();
    }
    return 0;
  }

  private Optional<Instant> time(String value, String option, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = RELATIVE.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return Optional.of(now.minus(d));
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        throw new ParameterException(spec.commandLine(), option + ": not a time: " + value
            + " (use 2026-05-01T08:00:00Z, 2026-05-01 or 24h)");
      }
    }
  }

  private static String row(AuditRecord r) {
    return String.format("%-20s %-24s %-16s %-32s %-28s %-6d %-15s %.1f", r.calledAt().toString().substring(0, 19) + "Z",
        dash(r.accessKeyId()), dash(r.userName()), dash(r.action()), r.code(), r.httpStatus(), r.sourceIp(),
        r.latencyMicros() / 1000.0);
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  static String json(AuditRecord r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("time", r.calledAt().toString());
    o.put("requestId", r.requestId());
    o.put("accessKeyId", r.accessKeyId());
    o.put("userId", r.userId());
    o.put("userName", r.userName());
    o.put("version", r.apiVersion());
    o.put("action", r.action());
    if (r.params() != null) {
      o.set("params", Json.MAPPER.readTree(r.params()));
    } else {
      o.putNull("params");
    }
    o.put("sourceIp", r.sourceIp());
    o.put("secure", r.secure());
    o.put("code", r.code());
    o.put("httpStatus", r.httpStatus());
    o.put("latencyMs", r.latencyMicros() / 1000.0);
    return Json.MAPPER.writeValueAsString(o);
  }
}
