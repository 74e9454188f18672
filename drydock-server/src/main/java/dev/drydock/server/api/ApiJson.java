package dev.drydock.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the API: response records are written with their lower-camel component
 * names turned UpperCamelCase ({@code imageRiskList} → {@code ImageRiskList},
 * {@code internetURLs} → {@code InternetURLs}), null fields omitted.
 */
@Component
public class ApiJson {
  private final JsonMapper mapper = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
      .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
      .build();

  public JsonMapper mapper() {
    return mapper;
  }
}
