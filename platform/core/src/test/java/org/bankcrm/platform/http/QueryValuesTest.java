package org.bankcrm.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class QueryValuesTest {

    @Test
    void aCodeIsStrippedAndBlankIsAbsent() {
        assertThat(QueryValues.code("segment", "  SAVERS ", 64)).isEqualTo("SAVERS");
        assertThat(QueryValues.code("segment", " ", 64)).isNull();
        assertThat(QueryValues.code("segment", null, 64)).isNull();
    }

    @Test
    void aCodeLongerThanItsLimitIsA400NamingTheParameter() {
        assertThat(QueryValues.code("segment", "x".repeat(64), 64)).hasSize(64);
        assertThatThrownBy(() -> QueryValues.code("segment", "x".repeat(65), 64))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("segment");
                        assertThat(v.message()).isEqualTo("at most 64 characters");
                    });
                });
    }
}
