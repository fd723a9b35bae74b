package dev.headroom;

import dev.headroom.common.HeadroomConfig;
import java.util.Map;

/** The configuration the project ships in conf/, as ./headroom reads it. */
public final class ShippedConfig {

  private ShippedConfig() {}

  /** conf/headroom.properties with its user dictionary and stopwords. */
  public static HeadroomConfig load() {
    return HeadroomConfig.load(
        TestSpark.projectRoot().resolve(HeadroomConfig.DEFAULT_FILE), Map.of());
  }
}
