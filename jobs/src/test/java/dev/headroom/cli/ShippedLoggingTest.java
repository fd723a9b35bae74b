package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.io.IOException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * What {@code conf/log4j2.properties} lets through to a {@code ./headroom} terminal, read from the
 * shipped file itself. Spark's messages here are copied from a 3M-ticket ingest's output.
 */
class ShippedLoggingTest {

  private static final String MEMORY_STORE = "org.apache.spark.storage.memory.MemoryStore";
  private static final String BLOCK_MANAGER = "org.apache.spark.storage.BlockManager";

  @Test
  void aCacheSpillingToDiskAsAskedPrintsNothingWhileOtherWarningsStillPrint() throws IOException {
    Configuration shipped = shippedConfiguration();

    // A cached block that does not fit in memory goes to disk (MEMORY_AND_DISK): nothing to act on.
    assertFalse(
        printed(
            shipped,
            MEMORY_STORE,
            "Not enough space to cache rdd_26_4 in memory! (computed 211.3 MiB so far)"));
    assertFalse(printed(shipped, BLOCK_MANAGER, "Persisting block rdd_26_3 to disk instead."));
    // Nor does dropping the cache afterwards, for blocks that were never stored.
    assertFalse(
        printed(shipped, BLOCK_MANAGER, "Asked to remove block rdd_71_3, which does not exist"));

    // The same loggers' other warnings are a user's to read.
    assertTrue(
        printed(
            shipped,
            MEMORY_STORE,
            "Failed to reserve initial memory threshold of 1024.0 KiB for computing block"
                + " rdd_3_1 in memory."));
    assertTrue(
        printed(
            shipped,
            BLOCK_MANAGER,
            "Putting block rdd_3_1 failed due to exception java.io.IOException: No space left"
                + " on device."));
    // Information from Spark stays out of the terminal, Headroom's own does not.
    assertFalse(printed(shipped, BLOCK_MANAGER, Level.INFO, "Removing RDD 26"));
    assertTrue(printed(shipped, "dev.headroom.ingest.IngestJob", Level.INFO, "ingest done"));
  }

  private static Configuration shippedConfiguration() throws IOException {
    ConfigurationSource source =
        ConfigurationSource.fromUri(
            TestSpark.projectRoot().resolve("conf/log4j2.properties").toUri());
    // A context of its own, never started: the test JVM's logging is left as it is.
    Configuration configuration =
        new PropertiesConfigurationFactory()
            .getConfiguration(new LoggerContext("shipped-logging-test"), source);
    configuration.initialize();
    return configuration;
  }

  private static boolean printed(Configuration configuration, String logger, String message) {
    return printed(configuration, logger, Level.WARN, message);
  }

  /** Whether an event reaches the console appender: the logger's level, then its filters. */
  private static boolean printed(
      Configuration configuration, String logger, Level level, String message) {
    LoggerConfig config = configuration.getLoggerConfig(logger);
    LogEvent event =
        Log4jLogEvent.newBuilder()
            .setLoggerName(logger)
            .setLevel(level)
            .setMessage(new SimpleMessage(message))
            .build();
    return level.isMoreSpecificThan(config.getLevel()) && !config.isFiltered(event);
  }
}
