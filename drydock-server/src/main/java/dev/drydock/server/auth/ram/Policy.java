package dev.drydock.server.auth.ram;

import java.util.List;

/** A parsed RAM policy document ({@code Version} "1" and its statements). */
public record Policy(List<Statement> statements) {

  public Policy {
    statements = List.copyOf(statements);
  }

  /** Parses a policy document; throws {@link MalformedPolicyException} naming the problem. */
  public static Policy parse(String document) {
    return PolicyParser.parse(document);
  }
}
