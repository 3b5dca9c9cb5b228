package org.bankcrm.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void theUsersChoiceWinsOverTheBrowser() {
        assertThat(Language.choose("ru", "en-GB,en;q=0.9")).isEqualTo("ru");
    }

    @Test
    void theBrowsersFirstSupportedLanguageIsTaken() {
        assertThat(Language.choose(null, "de-DE,de;q=0.9,ru;q=0.8,en;q=0.5")).isEqualTo("ru");
        assertThat(Language.choose(null, "ru-RU")).isEqualTo("ru");
    }

    @Test
    void englishWhenNothingFitsOrTheHeaderIsBroken() {
        assertThat(Language.choose("xx", "de,fr")).isEqualTo("en");
        assertThat(Language.choose(null, null)).isEqualTo("en");
        assertThat(Language.choose(null, ";;;q=abc")).isEqualTo("en");
    }
}
