package org.bankcrm.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/** The incoming-pipeline rules fail on a consumer that bypasses the Inbox and on a service's own copy of a step. */
class ArchitectureRulesTest {
    static final String FIXTURES = "org.bankcrm.platform.testing.pipeline";

    @Test
    void aConsumerThatHandsTheRecordToTheInboxPasses() {
        String base = FIXTURES + ".good";
        JavaClasses classes = new ClassFileImporter().importPackages(base);
        ArchRule consumers = ArchitectureRules.incomingPipeline(base, "good").get(0);
        consumers.check(classes);
    }

    @Test
    void aConsumerThatBypassesTheInboxAndOwnLocksAndTombstonesFail() {
        String base = FIXTURES + ".bypass";
        JavaClasses classes = new ClassFileImporter().importPackages(base);
        List<ArchRule> rules = ArchitectureRules.incomingPipeline(base, "bypass");

        EvaluationResult consumers = rules.get(0).evaluate(classes);
        assertThat(consumers.hasViolation()).isTrue();
        assertThat(consumers.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("StraightToTheDatabase.consume") && line.contains("does not call Inbox.consume"))
                .anyMatch(line -> line.contains("BatchRecordByRecord.consume") && line.contains("does not call Inbox.consumeBatch"))
                .anyMatch(line -> line.contains("PollWithoutItsAcknowledgement.consume")
                        && line.contains("does not take the ConsumerRecord (or the poll's Message<ConsumerRecords>)"));
        assertThat(rules.get(1).evaluate(classes).getFailureReport().getDetails())
                .singleElement().asString().contains("OwnClientLocks");
        assertThat(rules.get(2).evaluate(classes).getFailureReport().getDetails())
                .singleElement().asString().contains("Gone maps table erased_client");
        assertThatThrownBy(() -> ArchitectureRules.incomingPipeline(base, "bypass").get(0).check(classes))
                .isInstanceOf(AssertionError.class);
    }
}
