package org.bankcrm.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void everyTextIsInBothLanguages() {
        Map<String, String> english = Texts.of("en");
        Map<String, String> russian = Texts.of("ru");

        assertThat(russian.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        assertThat(english.get("searchTitle")).isEqualTo("Find a client");
        assertThat(russian.get("searchTitle")).isEqualTo("Найти клиента");
    }

    @Test
    void anUnknownLanguageGetsEnglish() {
        assertThat(Texts.of("de").get("signIn")).isEqualTo("Sign in");
    }
}
