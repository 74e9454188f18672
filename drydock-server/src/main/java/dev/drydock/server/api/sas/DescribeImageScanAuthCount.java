package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.ScanQuota;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * DescribeImageScanAuthCount (reference §1.6): the scan-authorization quota.
 * {@code ImageScanCapacity}: authorizations per period ({@code drydock.scan.quota.capacity});
 * {@code ScanCount}: consumed in the current period (the rule is {@link ScanQuota}'s);
 * {@code InstanceId}: this installation's id ({@code drydock.instance-id}, default {@code drydock}).
 */
@Component
public class DescribeImageScanAuthCount implements SasAction {

  private final ScanQuota quota;
  private final String instanceId;

  public DescribeImageScanAuthCount(ScanQuota quota, Environment env) {
    this.quota = quota;
    this.instanceId = env.getProperty("drydock.instance-id", "drydock");
  }

  public record ImageScan(long imageScanCapacity, long scanCount, String instanceId) {}

  public record Response(ImageScan imageScan) {}

  @Override
  public Object handle(Params params, CallContext context) {
    return new Response(new ImageScan(quota.capacity(), quota.used(), instanceId));
  }
}
