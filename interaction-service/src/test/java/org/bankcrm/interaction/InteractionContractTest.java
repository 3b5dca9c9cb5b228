package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.bankcrm.platform.testing.EventContracts;

/** Our own contracts: each example matches its schema, and the schemas refuse what they must. */
class InteractionContractTest {
    static final String RECORDED = "contracts/crm.interaction.recorded.schema.json";
    static final String SUBMITTED = "contracts/crm.touchpoint.submitted.schema.json";

    @Test
    void theRecordedExampleMatchesItsSchema() {
        assertThat(EventContracts.violations(RECORDED, EventContracts.resource("contracts/examples/crm.interaction.recorded.json")))
                .isEmpty();
    }

    @Test
    void theJourneyClosedExampleMatchesItsSchema() {
        assertThat(EventContracts.violations("contracts/crm.interaction.journey-closed.schema.json",
                EventContracts.resource("contracts/examples/crm.interaction.journey-closed.json"))).isEmpty();
    }

    @Test
    void aRecordedEventWithNotesBreaksItsContract() {
        String withNotes = EventContracts.resource("contracts/examples/crm.interaction.recorded.json")
                .replace("\"csat\": 2,", "\"csat\": 2, \"notes\": \"private\",");
        assertThat(EventContracts.violations(RECORDED, withNotes)).isNotEmpty();
    }

    @Test
    void theSubmittedExampleMatchesItsSchemaAndANegativeBankCausedOneWithoutDetailDoesNot() {
        String example = EventContracts.resource("contracts/examples/crm.touchpoint.submitted.json");
        assertThat(EventContracts.violations(SUBMITTED, example)).isEmpty();
        assertThat(EventContracts.violations(SUBMITTED, example.replace("\"causeDetail\": \"OUTAGE\"", "\"causeDetail\": null")))
                .isNotEmpty();
        assertThat(EventContracts.violations(SUBMITTED, example.replace("\"csat\": null", "\"csat\": 6"))).isNotEmpty();
    }

    @Test
    void statedNeedsAreCodesOfTheClosedListInBothContracts() {
        String recorded = EventContracts.resource("contracts/examples/crm.interaction.recorded.json");
        assertThat(EventContracts.violations(RECORDED, recorded.replace("\"CHILDREN_EDUCATION\"", "\"YACHT\""))).isNotEmpty();
        String submitted = EventContracts.resource("contracts/examples/crm.touchpoint.submitted.json")
                .replace("\"csat\": null", "\"statedNeeds\": [{\"code\": \"RETIREMENT\", \"note\": \"at 60\"}], \"csat\": null");
        assertThat(EventContracts.violations(SUBMITTED, submitted)).isEmpty();
        assertThat(EventContracts.violations(SUBMITTED, submitted.replace("RETIREMENT", "YACHT"))).isNotEmpty();
    }
}
