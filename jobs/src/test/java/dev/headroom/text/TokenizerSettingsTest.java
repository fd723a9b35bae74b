package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerSettingsTest {

  @Test
  void aDictionaryEntryTriedOnACopyKeepsTheWordWholeAndLeavesTheOriginalAlone() {
    TokenizerSettings shipped = TokenizerSettings.defaults();
    TokenizerSettings tried = shipped.plusDictionaryEntries("카톡");

    assertEquals(
        List.of("카톡", "카", "톡", "알리다", "안_오다"),
        TicketAnalyzer.forSettings(shipped).terms("카톡으로 알림이 안와요", "ko"));
    assertEquals(
        List.of("카톡", "알리다", "안_오다"),
        TicketAnalyzer.forSettings(tried).terms("카톡으로 알림이 안와요", "ko"));
    assertTrue(shipped.userDictionary().isEmpty());
  }

  @Test
  void anExtraStopwordIsDroppedFromTheTerms() {
    TokenizerSettings tried = TokenizerSettings.defaults().plusStopwords("알리다");

    assertEquals(
        List.of("카톡", "카", "톡", "안_오다"),
        TicketAnalyzer.forSettings(tried).terms("카톡으로 알림이 안와요", "ko"));
  }
}
