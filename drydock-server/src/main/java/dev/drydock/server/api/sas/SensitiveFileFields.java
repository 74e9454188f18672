package dev.drydock.server.api.sas;

/**
 * The answer envelope of the sensitive-file operations (reference §1.13): besides RequestId they
 * carry {@code Code "200"}, {@code HttpStatusCode 200}, {@code Message "successful"},
 * {@code Success true}, and {@code PageInfo} adds {@code LastRowKey} (the key of the page's last
 * row: the SensitiveFileKey, or the finding's id for DescribeImageSensitiveFileByKey).
 */
final class SensitiveFileFields {
  private SensitiveFileFields() {}

  static final String KIND = "SECRET";

  public record PageInfo(int count, int currentPage, String lastRowKey, int pageSize, long totalCount) {}
}
