package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void fullWidthCharactersBecomeAscii() {
    assertEquals("ABC 123 사이즈", TextNormalizer.normalize("ＡＢＣ　１２３ 사이즈"));
  }

  @Test
  void longRepeatsAreShortenedButDigitsAreNot() {
    assertEquals("ㅋㅋ 진짜요!! 1000000원", TextNormalizer.normalize("ㅋㅋㅋㅋㅋㅋ 진짜요!!!!! 1000000원"));
    assertEquals("아아 ㅠㅠ", TextNormalizer.normalize("아아아아아 ㅠㅠㅠㅠ"));
  }

  @Test
  void compatibilityJamoStayAsTyped() {
    String normalized = TextNormalizer.normalize("ㅋㅋ ㅡㅡ ㅠㅠ");
    assertEquals("ㅋㅋ ㅡㅡ ㅠㅠ", normalized);
    normalized
        .chars()
        .filter(c -> c != ' ')
        .forEach(c -> assertEquals(0x31, c >> 8, "U+" + Integer.toHexString(c)));
  }

  @Test
  void whitespaceControlAndInvisibleCharactersAreCleaned() {
    assertEquals("배송 언제 와요?", TextNormalizer.normalize("  배송\u200B\n\n언제\t\u0007와요?  "));
    assertNull(TextNormalizer.normalize(null));
  }
}
