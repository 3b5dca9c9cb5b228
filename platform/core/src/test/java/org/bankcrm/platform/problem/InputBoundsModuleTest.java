package org.bankcrm.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class InputBoundsModuleTest {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new InputBoundsModule());

    record Inner(String note) {
    }

    record Rule(com.fasterxml.jackson.databind.JsonNode condition) {
    }

    @Test
    void aNulAnywhereInFreeFormJsonIsRefusedWithItsPath() throws Exception {
        try {
            JSON.readValue("{\"condition\":{\"all\":[{\"quadrant\":[\"A\",\"\\u0000\"]}]}}", Rule.class);
            throw new AssertionError("accepted");
        } catch (JsonMappingException e) {
            assertThat(ProblemMappers.jsonPath(e)).isEqualTo("condition.all[0].quadrant[1]");
        }
        assertThat(JSON.readValue("{\"condition\":{\"quadrant\":[\"INVEST\"]}}", Rule.class).condition()).isNotNull();
    }

    record Body(String name, LocalDate birthDate, YearMonth month, Instant at, BigDecimal amount, Double rate,
            double ratio, List<String> tags, Inner inner) {
    }

    static String reject(String json) {
        try {
            JSON.readValue(json, Body.class);
        } catch (JsonMappingException e) {
            return ProblemMappers.jsonPath(e) + ": " + e.getOriginalMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void aNulInATextFieldIsRefusedNamingTheField() {
        assertThat(reject("{\"name\":\"a\\u0000b\"}")).isEqualTo("name: must not contain the control character U+0000 (at position 1)");
        assertThat(reject("{\"inner\":{\"note\":\"\\u001b\"}}")).startsWith("inner.note: must not contain the control character U+001B");
        assertThat(reject("{\"tags\":[\"ok\",\"\\u0007\"]}")).startsWith("tags[1]: must not contain");
    }

    @Test
    void tabsAndLineBreaksAreAllowedInFreeText() throws Exception {
        assertThat(JSON.readValue("{\"name\":\"a\\tb\\r\\nc \\u202e \\ud83d\\ude00 \\ufeff\"}", Body.class).name()).contains("\t");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertThat(reject("{\"name\":\"x\\ud800\"}")).startsWith("name: must not contain an unpaired UTF-16 surrogate");
        assertThat(reject("{\"name\":\"\\udc00x\"}")).startsWith("name: must not contain an unpaired");
    }

    @Test
    void datesMonthsAndInstantsOutsideThePlatformRangeAreRefused() {
        assertThat(reject("{\"birthDate\":\"-5000-01-01\"}")).isEqualTo("birthDate: must be between 1900-01-01 and 2999-12-31");
        assertThat(reject("{\"birthDate\":\"+99999-01-01\"}")).startsWith("birthDate: must be between");
        assertThat(reject("{\"month\":\"-5000-01\"}")).startsWith("month: must be between");
        assertThat(reject("{\"at\":\"-5000-01-01T00:00:00Z\"}")).startsWith("at: must be between");
        assertThat(reject("{\"at\":\"+99999-01-01T00:00:00Z\"}")).startsWith("at: must be between");
    }

    @Test
    void numbersTooWideForAMoneyColumnAreRefused() {
        assertThat(reject("{\"amount\":1e400}")).startsWith("amount: must be less than 10000000000000");
        assertThat(reject("{\"amount\":0.0000000000001}")).startsWith("amount: must have at most 12 decimals");
        assertThat(reject("{\"rate\":1e308}")).startsWith("rate: must be a finite number");
        assertThat(reject("{\"ratio\":-1e300}")).startsWith("ratio: must be a finite number");
    }

    @Test
    void saneValuesAreRead() throws Exception {
        Body body = JSON.readValue("{\"name\":\"Ann\",\"birthDate\":\"1980-02-29\",\"month\":\"2026-10\","
                + "\"at\":\"2026-12-01T10:00:00Z\",\"amount\":1234.56,\"rate\":0.5,\"ratio\":2}", Body.class);
        assertThat(body.amount()).isEqualByComparingTo("1234.56");
        assertThat(body.month()).isEqualTo(YearMonth.of(2026, 10));
    }

    @Test
    void nullsStayNulls() throws Exception {
        assertThat(JSON.readValue("{\"name\":null,\"birthDate\":null,\"amount\":null}", Body.class).name()).isNull();
        assertThatThrownBy(() -> JSON.readValue("{\"ratio\":\"x\"}", Body.class)).isInstanceOf(JsonMappingException.class);
    }
}
