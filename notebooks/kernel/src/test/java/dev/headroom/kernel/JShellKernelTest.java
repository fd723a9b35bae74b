package dev.headroom.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JShellKernelTest {

  /** The kernel with what cells display kept for the assertions. */
  static final class RecordingKernel extends JShellKernel {
    final List<DisplayData> shown = new ArrayList<>();

    @Override
    public void display(DisplayData data) {
      shown.add(data);
    }
  }

  static RecordingKernel kernel;

  @BeforeAll
  static void startKernel() {
    kernel = new RecordingKernel();
  }

  private static String text(DisplayData data) {
    return String.valueOf(data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void aCellsLastExpressionIsItsResultAndDeclarationsCarryToLaterCells() throws Exception {
    assertNull(
        kernel.eval("var causes = new java.util.ArrayList<String>();\ncauses.add(\"배송 지연\");"));
    DisplayData result = kernel.eval("causes.add(\"사이즈 교환\");\nString.join(\" / \", causes)");
    assertEquals("\"배송 지연 / 사이즈 교환\"", text(result));
  }

  @Test
  void aCompileErrorNamesTheProblemAndTheSnippet() {
    JShellKernel.CellException error =
        assertThrows(
            JShellKernel.CellException.class,
            () -> kernel.eval("int fine = 1;\nint broken = backlogRows + 1;"));
    assertTrue(error.getMessage().contains("cannot find symbol"), error.getMessage());
    assertTrue(error.getMessage().contains("int broken = backlogRows + 1;"), error.getMessage());
  }

  @Test
  void anExceptionInACellFailsTheCellWithItsClassAndMessage() {
    JShellKernel.CellException error =
        assertThrows(
            JShellKernel.CellException.class,
            () -> kernel.eval("if (1 > 0) throw new IllegalStateException(\"no backlog table\");"));
    assertTrue(
        error.getMessage().startsWith("java.lang.IllegalStateException: no backlog table"),
        error.getMessage());
  }

  @Test
  void displayRendersTheValueAsTheMimeTypeAsked() throws Exception {
    kernel.shown.clear();
    assertNull(kernel.eval("display(\"<b>S07</b>\", \"text/html\");"));
    assertEquals(1, kernel.shown.size());
    assertEquals("<b>S07</b>", kernel.shown.get(0).getData(MIMEType.TEXT_HTML));
  }

  @Test
  void classpathMagicAddsGlobMatchesThatLaterCodeCompilesAndRunsAgainst(@TempDir Path dir)
      throws Exception {
    Path source = dir.resolve("src/greet/Greeter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source, "package greet; public class Greeter { public String hello() { return \"안녕\"; } }");
    Path classes = dir.resolve("lib/classes");
    Files.createDirectories(classes);
    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), source.toString());
    assertEquals(0, exit);

    DisplayData result =
        kernel.eval("%classpath " + dir.resolve("lib") + "/class*\nnew greet.Greeter().hello()");
    assertEquals("\"안녕\"", text(result));
  }

  @Test
  void aClasspathPatternThatMatchesNothingOrAnUnknownMagicIsAnError(@TempDir Path dir) {
    JShellKernel.CellException none =
        assertThrows(
            JShellKernel.CellException.class, () -> kernel.eval("%jars " + dir + "/*.jar\n1"));
    assertTrue(none.getMessage().contains("matches nothing"), none.getMessage());
    JShellKernel.CellException unknown =
        assertThrows(
            JShellKernel.CellException.class, () -> kernel.eval("%maven org.example:x:1\n1"));
    assertTrue(unknown.getMessage().contains("%maven"), unknown.getMessage());
  }

  @Test
  void anOpenBlockIsIncompleteAndAStatementIsComplete() {
    assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals("complete", kernel.isComplete("int weeks = 26;"));
  }
}
