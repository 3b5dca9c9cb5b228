package org.bankcrm.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class ProblemFieldTest {
    static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record Consents(@NotBlank String source) {
    }

    record Client(@NotBlank String fullName, @Email String email, @Valid Consents consents) {
    }

    record Batch(List<@Valid Client> clients, Map<String, @Valid Client> byRef) {
    }

    static List<String> fields(Object bean) {
        return VALIDATOR.validate(bean).stream().map(v -> ProblemMappers.field(v.getPropertyPath())).sorted().toList();
    }

    @Test
    void aFieldIsNamedByItsJsonPath() {
        assertThat(fields(new Client(" ", "x", new Consents("")))).containsExactly("consents.source", "email", "fullName");
    }

    @Test
    void anElementOfAListIsNamedWithItsIndexOnTheList() {
        var batch = new Batch(List.of(new Client("A", "a@example.org", null), new Client("B", "nope", null)), Map.of());
        assertThat(fields(batch)).containsExactly("clients[1].email");
    }

    @Test
    void anEntryOfAMapIsNamedWithItsKey() {
        var batch = new Batch(List.of(), Map.of("CB-7", new Client("", null, null)));
        assertThat(fields(batch)).containsExactly("byRef[CB-7].fullName");
    }
}
