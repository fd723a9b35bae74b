package dev.headroom.common;

import java.util.List;

/**
 * Personal data outside the text: which columns become keyed pseudonyms at ingest, and where the
 * pseudonyms' secret comes from. The secret itself is read only by ingest and never kept here.
 *
 * @param pseudonymColumns canonical or segment column names, in tickets and orders alike
 * @param keyFile the file holding the secret, or empty for the environment or the user's key
 */
public record PrivacySettings(List<String> pseudonymColumns, String keyFile) {

  /** Default of {@code privacy.pseudonymize}. */
  public static final String PSEUDONYMIZE_DEFAULT = "customer_id";

  /** The environment variable holding the secret; it wins over the key file. */
  public static final String KEY_ENVIRONMENT = "HEADROOM_PSEUDONYM_KEY";

  /** The key file used when neither the environment nor the config names one, under the home. */
  public static final String USER_KEY_FILE = ".headroom/pseudonym.key";

  /** Copies the list so the settings stay immutable. */
  public PrivacySettings {
    pseudonymColumns = List.copyOf(pseudonymColumns);
  }
}
