package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapingTest {

  @Test
  void htmlEscapesEveryCharacterThatCanEndTextOrAnAttribute() {
    assertEquals(
        "&lt;b onclick=&quot;x&quot; title=&#39;y&#39;&gt; &amp; 환불",
        Escaping.html("<b onclick=\"x\" title='y'> & 환불"));
    assertEquals("", Escaping.html(null));
  }

  @Test
  void csvQuotesOnlyCellsThatNeedIt() {
    assertEquals("plain", Escaping.csvField("plain"));
    assertEquals("\"a,b\"", Escaping.csvField("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Escaping.csvField("say \"hi\""));
    assertEquals("\"two\nlines\"", Escaping.csvField("two\nlines"));
    assertEquals(
        "1,\"x,y\",,배송\r\n", Escaping.csvLine(Arrays.asList("1", "x,y", null, "배송"), "\r\n"));
    assertEquals("\n", Escaping.csvLine(List.of(), "\n"));
  }
}
