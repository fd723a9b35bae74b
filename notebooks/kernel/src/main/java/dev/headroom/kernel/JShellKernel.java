package dev.headroom.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Jupyter kernel for Java: cells are JShell snippets run in the kernel's own JVM.
 *
 * <p>Snippets run in this JVM (JShell's {@code local} engine), so they share its classpath: the
 * launcher puts the project's jars and Spark there, with the {@code --add-opens} flags Spark needs,
 * and Spark finds every class through the ordinary class loaders. Cells may start with the line
 * magics {@code %classpath} and {@code %jars} (paths and globs, as in IJava and JJava), which add
 * to what cells compile against. Cells display rich output with {@code display(value,
 * "text/html")}, the call IJava and JJava define, so the same notebooks run on those kernels.
 */
public class JShellKernel extends BaseKernel {

  /** Cell-level functions every notebook can call, as IJava and JJava define them. */
  private static final List<String> STARTUP =
      List.of(
          "String display(Object value) { return dev.headroom.kernel.JShellKernel.displayFromCell(value); }",
          "String display(Object value, String... mimeTypes) {"
              + " return dev.headroom.kernel.JShellKernel.displayFromCell(value, mimeTypes); }");

  private static volatile JShellKernel running;

  private final JShell shell;
  private final ClasspathMagic classpath;

  /** A kernel whose relative paths in magics resolve against the working directory. */
  public JShellKernel() {
    this.shell = JShell.builder().executionEngine("local").build();
    this.classpath = new ClasspathMagic(java.nio.file.Path.of("").toAbsolutePath());
    // Cells compile against this kernel's own classes so the display functions resolve.
    try {
      shell.addToClasspath(
          java.nio.file.Path.of(
                  JShellKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the kernel's own classes", e);
    }
    for (String snippet : STARTUP) {
      try {
        evalSource(snippet);
      } catch (CellException e) {
        throw new IllegalStateException(
            "The kernel's startup snippet does not compile: " + e.getMessage(), e);
      }
    }
    running = this;
  }

  /** Shows {@code value} below the running cell, rendered as the kernel's renderer prefers. */
  public static String displayFromCell(Object value, String... mimeTypes) {
    JShellKernel kernel = running;
    if (kernel == null) {
      throw new IllegalStateException("No Headroom Java kernel is running in this JVM");
    }
    DisplayData data =
        mimeTypes.length == 0
            ? kernel.getRenderer().render(value)
            : kernel.getRenderer().renderAs(value, mimeTypes);
    String id = UUID.randomUUID().toString();
    data.setDisplayId(id);
    kernel.display(data);
    return id;
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return new LanguageInfo.Builder("Java")
        .version(Runtime.version().toString())
        .mimetype("text/x-java-source")
        .fileExtension(".jshell")
        .pygments("java")
        .codemirror("java")
        .build();
  }

  @Override
  public String getBanner() {
    return "Headroom Java kernel (JShell " + Runtime.version() + ")";
  }

  /**
   * Runs a cell: its leading magic lines, then each complete snippet in order. Returns the value of
   * a final expression without a closing semicolon as text, or null.
   *
   * @throws CellException when a snippet does not compile or throws; the message names it
   */
  @Override
  public DisplayData eval(String cell) throws CellException {
    String code = classpath.apply(cell, shell::addToClasspath);
    String lastValue = null;
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        throw new CellException("Incomplete code at the end of the cell:\n" + remaining.strip());
      }
      String value = evalSource(info.source());
      // As in other notebooks, an expression ended with ';' shows nothing.
      String written =
          remaining.substring(0, remaining.length() - info.remaining().length()).strip();
      lastValue = written.endsWith(";") ? null : value;
      remaining = info.remaining();
    }
    System.out.flush();
    System.err.flush();
    return lastValue == null ? null : new DisplayData(lastValue);
  }

  @Override
  public String isComplete(String code) {
    SourceCodeAnalysis.Completeness completeness =
        shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
    return switch (completeness) {
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
      case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
      case UNKNOWN -> IS_COMPLETE_BAD;
    };
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<String> names =
        shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .collect(Collectors.toList());
    return names.isEmpty() ? null : new ReplacementOptions(names, anchor[0], at);
  }

  @Override
  public List<String> formatError(Exception e) {
    // A cell's own error is the message; the kernel's stack under it says nothing to the reader.
    return e instanceof CellException ? List.of(e.getMessage().split("\n")) : super.formatError(e);
  }

  @Override
  public void interrupt() {
    shell.stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    shell.close();
  }

  /** Evaluates one complete snippet; returns its value when it has one worth showing. */
  private String evalSource(String source) throws CellException {
    String value = null;
    for (SnippetEvent event : shell.eval(source)) {
      if (event.causeSnippet() != null) {
        continue; // a dependent snippet's status change, not this source's outcome
      }
      Snippet snippet = event.snippet();
      if (event.status() == Snippet.Status.REJECTED) {
        throw new CellException(compileErrors(snippet));
      }
      if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
          || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
        String missing =
            snippet instanceof jdk.jshell.DeclarationSnippet declaration
                ? String.join(", ", shell.unresolvedDependencies(declaration).toList())
                : "";
        throw new CellException("Cannot resolve " + missing + " in:\n" + snippet.source().strip());
      }
      if (event.exception() != null) {
        throw new CellException(describe(event.exception()), event.exception());
      }
      boolean expression =
          snippet.kind() == Snippet.Kind.EXPRESSION
              || (snippet.kind() == Snippet.Kind.VAR
                  && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
      if (expression && event.value() != null) {
        value = event.value();
      }
    }
    return value;
  }

  private String compileErrors(Snippet snippet) {
    List<String> lines = new ArrayList<>();
    for (Diag diag : shell.diagnostics(snippet).toList()) {
      if (diag.isError()) {
        String source = snippet.source();
        int line =
            1
                + (int)
                    source
                        .substring(
                            0, (int) Math.min(source.length(), Math.max(0, diag.getPosition())))
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
        lines.add("line " + line + ": " + diag.getMessage(Locale.ROOT));
      }
    }
    return "Does not compile:\n" + String.join("\n", lines) + "\nin:\n" + snippet.source().strip();
  }

  private static String describe(Exception exception) {
    if (exception instanceof EvalException thrown) {
      StringBuilder text = new StringBuilder(thrown.getExceptionClassName());
      if (thrown.getMessage() != null) {
        text.append(": ").append(thrown.getMessage());
      }
      for (StackTraceElement frame : thrown.getStackTrace()) {
        text.append("\n\tat ").append(frame);
      }
      for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
        String name =
            cause instanceof EvalException e
                ? e.getExceptionClassName()
                : cause.getClass().getName();
        text.append("\nCaused by: ").append(name).append(": ").append(cause.getMessage());
      }
      return text.toString();
    }
    if (exception instanceof UnresolvedReferenceException unresolved) {
      return "Uses something not defined yet: " + unresolved.getSnippet().source().strip();
    }
    return exception.toString();
  }

  /** A cell that did not compile or threw; its message is what the notebook shows. */
  public static final class CellException extends Exception {
    CellException(String message) {
      super(message);
    }

    CellException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
