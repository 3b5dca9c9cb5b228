package org.bankcrm.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void noHeaderMatchesAnyVersionAndSaysItIsAbsent() {
        assertThat(IfMatch.parse(null).isPresent()).isFalse();
        assertThat(IfMatch.parse(" ").matches(7)).isTrue();
    }

    @Test
    void aListMatchesWhenOneOfItsStrongTagsIsTheVersionAndAStarMatchesAny() {
        assertThat(IfMatch.parse("\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("\"1\", \"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("\"2\"").matches(3)).isFalse();
        assertThat(IfMatch.parse("*").matches(3)).isTrue();
    }

    @Test
    void aWeakOrUnquotedTagNeverMatches() {
        assertThat(IfMatch.parse("W/\"3\"").matches(3)).isFalse();
        assertThat(IfMatch.parse("3").matches(3)).isFalse();
    }

    @Test
    void aStaleVersionIsA412NamingTheCurrentETag() {
        assertThatThrownBy(() -> IfMatch.parse("\"2\"").check(3, "client"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.extensions()).containsEntry("currentETag", "\"3\"");
                });
        assertThat(IfMatch.required("client").status()).isEqualTo(428);
    }
}
