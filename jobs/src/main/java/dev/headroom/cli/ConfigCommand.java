package dev.headroom.cli;

import dev.headroom.common.ConfigKey;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.HeadroomConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code headroom config}: every config key with its doc line, default and the value in effect.
 *
 * <p>It loads the configuration the jobs would load (file plus {@code --set}), so a bad key or
 * value fails here first, with the same message.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Lists every config key with what it does, its default and the value in effect (the"
            + " config file with --set on top), and checks them as the jobs would.")
public final class ConfigCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> values = options.values();
    HeadroomConfig.fromMap(values, options.source());
    Map<String, String> effective = HeadroomConfig.effectiveValues(values);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Config: " + options.source());
    for (ConfigKey key : ConfigKeys.ALL) {
      out.println();
      out.println("# " + key.doc() + " Accepts " + key.expected() + ".");
      if (key.isPattern()) {
        out.println("# " + key.name());
        effective.entrySet().stream()
            .filter(entry -> key.matches(entry.getKey()))
            .forEach(entry -> out.println(entry.getKey() + "=" + entry.getValue()));
        continue;
      }
      String value = effective.get(key.name());
      boolean isDefault = key.sameValue(value, key.defaultValue());
      String defaultText = key.defaultValue().isEmpty() ? "none" : key.defaultValue();
      out.println(key.name() + "=" + value + (isDefault ? "" : "    # default: " + defaultText));
    }
    out.flush();
    return 0;
  }
}
