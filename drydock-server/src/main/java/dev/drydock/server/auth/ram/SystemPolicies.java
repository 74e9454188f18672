package dev.drydock.server.auth.ram;

import java.util.List;
import java.util.Optional;

/**
 * The system policies every installation has (PolicyType {@code System}): read-only, and
 * attachable like custom ones. Named and written after RAM's own system policies for Security
 * Center and RAM (docs/ram.md says which names are confirmed).
 */
public final class SystemPolicies {

  /** A system policy: its name, description and document. */
  public record SystemPolicy(String name, String description, String document) {
    public Policy policy() {
      return PolicyParser.parse(document);
    }
  }

  public static final List<SystemPolicy> ALL = List.of(
      new SystemPolicy("AliyunYundunSASFullAccess", "Provides full access to Security Center (Sas) via the API.",
          allow("\"yundun-sas:*\"")),
      new SystemPolicy("AliyunYundunSASReadOnlyAccess",
          "Provides read-only access to Security Center (Sas): Describe*, List*, Get*, Page* and PublicPreCheck*.",
          allow("\"yundun-sas:Describe*\", \"yundun-sas:List*\", \"yundun-sas:Get*\", \"yundun-sas:Page*\", "
              + "\"yundun-sas:PublicPreCheck*\"")),
      new SystemPolicy("AliyunRAMFullAccess", "Provides full access to RAM: users, AccessKeys and policies.",
          allow("\"ram:*\"")),
      new SystemPolicy("AliyunRAMReadOnlyAccess", "Provides read-only access to RAM.",
          allow("\"ram:Get*\", \"ram:List*\"")));

  private SystemPolicies() {}

  public static Optional<SystemPolicy> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static String allow(String actions) {
    return """
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [%s],
              "Resource": "*"
            }
          ]
        }""".formatted(actions);
  }
}
