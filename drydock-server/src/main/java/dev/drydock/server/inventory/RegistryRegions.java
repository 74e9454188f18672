package dev.drydock.server.inventory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The regions a registry may be registered in (RegistryRegionId, ListImageRegistryRegion,
 * reference §1.14): property {@code drydock.registry.regions}, a comma-separated list of region
 * ids, by default the Security Center regions below. Known ids carry their English and Chinese
 * names; any other configured id is named by itself.
 */
@Component
public class RegistryRegions {

  /** A region id with its names. */
  public record Region(String regionId, String nameEn, String nameZh) {
    public String name(String lang) {
      return lang.toLowerCase(Locale.ROOT).startsWith("en") ? nameEn : nameZh;
    }
  }

  private static final List<Region> KNOWN = List.of(
      new Region("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）"),
      new Region("cn-shanghai", "China (Shanghai)", "华东2（上海）"),
      new Region("cn-qingdao", "China (Qingdao)", "华北1（青岛）"),
      new Region("cn-beijing", "China (Beijing)", "华北2（北京）"),
      new Region("cn-zhangjiakou", "China (Zhangjiakou)", "华北3（张家口）"),
      new Region("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）"),
      new Region("cn-wulanchabu", "China (Ulanqab)", "华北6（乌兰察布）"),
      new Region("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）"),
      new Region("cn-heyuan", "China (Heyuan)", "华南2（河源）"),
      new Region("cn-guangzhou", "China (Guangzhou)", "华南3（广州）"),
      new Region("cn-chengdu", "China (Chengdu)", "西南1（成都）"),
      new Region("cn-hongkong", "China (Hong Kong)", "中国香港"),
      new Region("ap-southeast-1", "Singapore", "新加坡"),
      new Region("ap-southeast-3", "Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
      new Region("ap-southeast-5", "Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
      new Region("ap-southeast-6", "Philippines (Manila)", "菲律宾（马尼拉）"),
      new Region("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）"),
      new Region("ap-northeast-1", "Japan (Tokyo)", "日本（东京）"),
      new Region("ap-northeast-2", "South Korea (Seoul)", "韩国（首尔）"),
      new Region("us-west-1", "US (Silicon Valley)", "美国（硅谷）"),
      new Region("us-east-1", "US (Virginia)", "美国（弗吉尼亚）"),
      new Region("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）"),
      new Region("eu-west-1", "UK (London)", "英国（伦敦）"),
      new Region("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）"),
      new Region("me-central-1", "Saudi Arabia (Riyadh)", "沙特（利雅得）"));

  private final List<Region> regions;

  public RegistryRegions(Environment env) {
    this.regions = parse(env.getProperty("drydock.registry.regions"));
  }

  /** The regions a {@code drydock.registry.regions} value names; blank: the defaults. */
  static List<Region> parse(@org.jspecify.annotations.Nullable String configured) {
    if (configured == null || configured.isBlank()) {
      return KNOWN;
    }
    Map<String, Region> byId = new LinkedHashMap<>();
    KNOWN.forEach(r -> byId.put(r.regionId(), r));
    return Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
        .map(id -> byId.getOrDefault(id, new Region(id, id, id))).toList();
  }

  public List<Region> all() {
    return regions;
  }

  public boolean contains(String regionId) {
    return regions.stream().anyMatch(r -> r.regionId().equals(regionId));
  }
}
