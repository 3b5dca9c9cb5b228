package org.bankcrm.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void theHeadOfAReferenceKeepsTheFirstBytesAndMarksACharacterCutInTwo() {
        byte[] value = "{\"note\":\"é".getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetters.head(value, 5)).isEqualTo("{\"not");
        assertThat(DeadLetters.head(value, value.length - 1)).isEqualTo("{\"note\":\"\uFFFD");
        assertThat(DeadLetters.head(value, 4096)).isEqualTo("{\"note\":\"é");
    }
}
