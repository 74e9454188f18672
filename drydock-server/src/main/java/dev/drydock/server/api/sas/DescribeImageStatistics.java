package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * DescribeImageStatistics: how many images Drydock knows ({@code InstanceCount}) and how many
 * of them carry any risk in their latest scan ({@code RiskInstanceCount}: a vulnerability, a
 * failed baseline item or a malicious file).
 */
@Component
public class DescribeImageStatistics implements SasAction {

  private final JdbcClient jdbc;

  public DescribeImageStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Response(long instanceCount, long riskInstanceCount) {}

  @Override
  public Object handle(Params params, CallContext context) {
    long total = jdbc.sql("SELECT COUNT(*) FROM image").query(Long.class).single();
    long risky = jdbc.sql("""
            SELECT COUNT(*) FROM image i JOIN image_risk r ON r.digest = i.digest
            WHERE r.vul > 0 OR r.baseline_num > 0 OR r.new_suspicious > 0""").query(Long.class).single();
    return new Response(total, risky);
  }
}
