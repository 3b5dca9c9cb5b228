package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void optionsAreRead() {
        DemoCommand.Args a = DemoCommand.Args.parse(new String[] {"--rate", "50", "--duration", "5m", "--watch", "3"});
        assertThat(a.mode).isEqualTo("--rate");
        assertThat(a.rate).isEqualTo(50);
        assertThat(a.duration).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.watch).isEqualTo(3);
        DemoCommand.Args load = DemoCommand.Args.parse(new String[] {"--load", "--clients", "500", "--seed", "7"});
        assertThat(load.clients).isEqualTo(500);
        assertThat(load.seed).isEqualTo(7);
        assertThat(DemoCommand.Args.parse(new String[] {"--replay-bank-marketing", "--rows", "all"}).rows).isZero();
        assertThat(DemoCommand.Args.duration("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badUsageIsNamed() {
        assertThatThrownBy(() -> DemoCommand.Args.parse(new String[] {"--rate", "-1"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> DemoCommand.Args.parse(new String[] {"--load", "--summary"})).hasMessageContaining("one mode");
        assertThatThrownBy(() -> DemoCommand.Args.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = DemoCommand.run(new String[] {"--clients"}, Path.of("."), Map.of(), new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("--clients needs a value").contains("Usage:");
    }

    @Test
    void statsNeedNoRunningCrm() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = DemoCommand.run(new String[] {"--stats", "--clients", "300"}, Path.of("."), Map.of(),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("300 clients").contains("CURRENT_ACCOUNT").contains("Bad weeks");
    }

    @Test
    void answersFollowTheAcceptanceDraw() {
        assertThat(ClientAnswers.answer(0.1, 0.05)).isEqualTo("ACCEPTED");
        assertThat(ClientAnswers.answer(0.1, 0.12)).isEqualTo("INTERESTED");
        assertThat(ClientAnswers.answer(0.1, 0.5)).isEqualTo("DECLINED");
        assertThat(ClientAnswers.answer(0.1, 0.99)).isEqualTo("IGNORED");
        Profile young = new Profile("INDIVIDUAL", 30, "MIDDLE", "MOBILE_APP", java.util.Set.of("CURRENT_ACCOUNT"), 1, 0, true);
        Profile retired = new Profile("INDIVIDUAL", 70, "MIDDLE", "BRANCH", java.util.Set.of("CURRENT_ACCOUNT"), 1, 0, false);
        assertThat(ClientAnswers.acceptance(retired, "SALES", "TERM_DEPOSIT", "MOBILE_APP"))
                .isGreaterThan(2 * ClientAnswers.acceptance(young, "SALES", "TERM_DEPOSIT", "MOBILE_APP"));
        assertThat(ClientAnswers.acceptance(young, "SALES", "MORTGAGE", "MOBILE_APP"))
                .isGreaterThan(3 * ClientAnswers.acceptance(retired, "SALES", "MORTGAGE", "MOBILE_APP"));
    }
}
