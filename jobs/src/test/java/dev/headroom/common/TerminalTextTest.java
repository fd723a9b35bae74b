package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void hangulTakesTwoColumns() {
    assertEquals(4, TerminalText.width("배송"));
    assertEquals(9, TerminalText.width("배송 late"));
    assertEquals("배송 · 지연  ", TerminalText.fit("배송 · 지연", 13));
  }

  @Test
  void longTextIsCutToTheWidthWithAnEllipsis() {
    String fitted = TerminalText.fit("배송이 너무 늦어요", 10);
    assertEquals(10, TerminalText.width(fitted));
    assertEquals("배송이 너…", fitted.strip());
  }
}
