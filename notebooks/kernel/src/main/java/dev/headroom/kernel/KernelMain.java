package dev.headroom.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the kernel for Jupyter: {@code java ... dev.headroom.kernel.KernelMain <connection file>},
 * as the {@code kernel.json} written by {@code scripts/notebooks.sh} says.
 */
public final class KernelMain {

  private KernelMain() {}

  /** Connects to the sockets the connection file names and serves until Jupyter shuts it down. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "Usage: KernelMain <connection file>  (Jupyter passes it as {connection_file})");
      System.exit(2);
    }
    // The base kernel logs every message it handles through java.util.logging (Spark logs through
    // log4j): a notebook's terminal needs only its problems.
    Logger.getLogger("").setLevel(Level.WARNING);
    String properties = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    JupyterConnection connection =
        new JupyterConnection(KernelConnectionProperties.parse(properties));
    JShellKernel kernel = new JShellKernel();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }
}
