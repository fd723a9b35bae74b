package dev.headroom;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The log lines a job in this JVM writes while it is open, at the levels {@code
 * conf/log4j2.properties} gives a {@code ./headroom} run (Headroom at INFO, everything else at
 * WARN), so a test can read what a run in the test JVM logged as a child JVM's log file would show
 * it. Headroom's lines go only here while it is open, not to the test output.
 */
public final class CapturedLog implements AutoCloseable {

  private static final String NAME = "captured-by-test";
  private static final String HEADROOM = "dev.headroom";

  private final StringWriter lines = new StringWriter();
  private final LoggerContext context;
  private final WriterAppender appender;

  private CapturedLog() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName(NAME)
            .setTarget(lines)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(configuration)
                    .withPattern("%-5p %c{1}: %m%n")
                    .build())
            .build();
    appender.start();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, Level.WARN, null);
    LoggerConfig headroom = new LoggerConfig(HEADROOM, Level.INFO, false);
    headroom.addAppender(appender, Level.INFO, null);
    configuration.addLogger(HEADROOM, headroom);
    context.updateLoggers();
  }

  /** Starts capturing. */
  public static CapturedLog start() {
    return new CapturedLog();
  }

  /** What was logged so far. */
  public String text() {
    return lines.toString();
  }

  @Override
  public void close() {
    Configuration configuration = context.getConfiguration();
    configuration.removeLogger(HEADROOM);
    configuration.getRootLogger().removeAppender(NAME);
    context.updateLoggers();
    appender.stop();
  }
}
