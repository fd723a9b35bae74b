package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import dev.headroom.common.PrivacySettings;
import dev.headroom.text.PiiMasker;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Replaces identifiers with keyed pseudonyms at ingest: {@code p_} and 16 hex digits of HMAC-SHA256
 * over the value with a secret. The same value gets the same pseudonym in tickets and orders and in
 * every run with the same secret, so repeats and joins work; without the secret the value cannot be
 * recovered or confirmed by hashing guesses.
 *
 * <p>Columns listed in {@code privacy.pseudonymize} become pseudonyms whatever they hold; segment
 * values that look like an e-mail address or a phone number (anything {@link PiiMasker} would mask)
 * become pseudonyms even when their column is not listed. The secret comes from {@value
 * PrivacySettings#KEY_ENVIRONMENT}, else {@code privacy.pseudonym-key-file}, else {@value
 * PrivacySettings#USER_KEY_FILE} under the home folder, made on first use; it is never written to
 * an output. docs/ingest.md describes it.
 */
public final class Pseudonymizer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Prefix of every pseudonym, so one is recognisable as such in a table. */
  public static final String PREFIX = "p_";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;

  /** Values remembered in {@link #looksPersonal} before it starts afresh. */
  private static final int LOOKS_PERSONAL_VALUES = 10_000;

  private final byte[] secret;
  private final List<String> columns;
  private transient Mac mac;

  /**
   * Whether a segment value looks personal, per value seen: segments such as sellers or categories
   * hold few values over millions of rows. Bounded, as a segment may hold many.
   */
  private transient Map<String, Boolean> looksPersonal;

  private Pseudonymizer(byte[] secret, List<String> columns) {
    this.secret = secret.clone();
    this.columns = List.copyOf(columns);
  }

  /** A pseudonymizer with the configured columns and the secret found as the settings say. */
  public static Pseudonymizer of(PrivacySettings settings) {
    return of(settings, System.getenv());
  }

  /** As {@link #of(PrivacySettings)} with the given environment, so tests can set the variable. */
  static Pseudonymizer of(PrivacySettings settings, Map<String, String> environment) {
    return new Pseudonymizer(secret(settings, environment), settings.pseudonymColumns());
  }

  /** A pseudonymizer with a given secret, for tests. */
  static Pseudonymizer withSecret(String secret, List<String> columns) {
    return new Pseudonymizer(secret.getBytes(StandardCharsets.UTF_8), columns);
  }

  /** The pseudonym of a value (trimmed); null and blank stay null. */
  public synchronized String pseudonym(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (mac == null) {
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(secret, ALGORITHM));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(ALGORITHM + " is part of every Java 17", e);
      }
    }
    byte[] digest = mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
  }

  /** The pseudonym of a value that holds personal data by its look, else the value itself. */
  public String pseudonymIfPersonal(String value) {
    if (value == null) {
      return null;
    }
    Map<String, Boolean> seen = looksPersonal;
    if (seen == null || seen.size() >= LOOKS_PERSONAL_VALUES) {
      seen = new ConcurrentHashMap<>();
      looksPersonal = seen;
    }
    boolean personal = seen.computeIfAbsent(value, v -> !PiiMasker.mask(v).equals(v));
    return personal ? pseudonym(value) : value;
  }

  /**
   * The canonical rows with every listed column (contract or segment) as pseudonyms, and the
   * segment values that look personal too.
   */
  public Dataset<Row> apply(Dataset<Row> rows, InputSpec spec) {
    Set<String> present = Set.of(rows.columns());
    UserDefinedFunction always = alwaysUdf();
    UserDefinedFunction ifPersonal = ifPersonalUdf();
    Dataset<Row> out = rows;
    for (String column : columns) {
      if (present.contains(column)) {
        out = out.withColumn(column, always.apply(col(quote(column)).cast(DataTypes.StringType)));
      }
    }
    for (String segment : spec.segments()) {
      if (!columns.contains(segment) && present.contains(segment)) {
        out = out.withColumn(segment, ifPersonal.apply(col(quote(segment))));
      }
    }
    return out;
  }

  /**
   * The raw row struct of a reject with the same treatment on its source fields: the listed
   * columns' sources always, the segments' when they look personal.
   */
  Column rawRow(Column source, Set<String> fieldNames, InputSpec spec) {
    Set<String> listedSources = new LinkedHashSet<>();
    for (String column : columns) {
      listedSources.addAll(spec.sourceColumns(column));
    }
    UserDefinedFunction always = alwaysUdf();
    UserDefinedFunction ifPersonal = ifPersonalUdf();
    Column out = source;
    for (String field : fieldNames) {
      Column value = source.getField(field).cast(DataTypes.StringType);
      if (listedSources.contains(field)) {
        out = out.withField(quote(field), always.apply(value));
      } else if (spec.segments().contains(field)) {
        out = out.withField(quote(field), ifPersonal.apply(value));
      }
    }
    return out;
  }

  private UserDefinedFunction alwaysUdf() {
    Pseudonymizer self = this;
    return udf((UDF1<String, String>) self::pseudonym, DataTypes.StringType);
  }

  private UserDefinedFunction ifPersonalUdf() {
    Pseudonymizer self = this;
    return udf((UDF1<String, String>) self::pseudonymIfPersonal, DataTypes.StringType);
  }

  /** The secret: the environment variable, else the configured file, else the user's own key. */
  private static byte[] secret(PrivacySettings settings, Map<String, String> environment) {
    String fromEnvironment = environment.get(PrivacySettings.KEY_ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip().getBytes(StandardCharsets.UTF_8);
    }
    if (!settings.keyFile().isBlank()) {
      Path file = Path.of(settings.keyFile());
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
          throw new InputException(
              "The pseudonym key file " + file + " (privacy.pseudonym-key-file) is empty");
        }
        return text.getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read the pseudonym key file "
                + file
                + " (privacy.pseudonym-key-file): "
                + e.getMessage(),
            e);
      }
    }
    return userKey(Path.of(System.getProperty("user.home"), PrivacySettings.USER_KEY_FILE));
  }

  /**
   * The user's own secret, made once with a secure random generator and readable by the user only.
   */
  private static synchronized byte[] userKey(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = Files.createTempFile(file.getParent(), "pseudonym", ".tmp");
        try {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the home folder's own permissions apply.
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
        try {
          Files.move(temporary, file);
        } catch (java.nio.file.FileAlreadyExistsException anotherProcessWasFirst) {
          Files.deleteIfExists(temporary);
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8)
          .strip()
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(
          "Cannot make or read the pseudonym key "
              + file
              + ": "
              + e.getMessage()
              + "; set "
              + PrivacySettings.KEY_ENVIRONMENT
              + " or privacy.pseudonym-key-file",
          e);
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
