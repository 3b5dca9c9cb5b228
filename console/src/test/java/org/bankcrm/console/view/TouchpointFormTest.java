package org.bankcrm.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TouchpointFormTest {
    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aBankCausedComplaintBecomesTheServicesRequest() {
        TouchpointForm form = new TouchpointForm("BRANCH", "COMPLAINT", "PAYMENTS", "NEGATIVE", "BANK", "ERROR",
                "UNRESOLVED", "1", " ");

        assertThat(form.request("c-1", ID, NOW)).containsExactly(
                java.util.Map.entry("id", ID.toString()), java.util.Map.entry("clientId", "c-1"),
                java.util.Map.entry("occurredAt", "2026-12-06T10:00:00Z"), java.util.Map.entry("initiator", "CLIENT"),
                java.util.Map.entry("channel", "BRANCH"), java.util.Map.entry("type", "COMPLAINT"),
                java.util.Map.entry("need", "PAYMENTS"), java.util.Map.entry("valence", "NEGATIVE"),
                java.util.Map.entry("cause", "BANK"), java.util.Map.entry("causeDetail", "ERROR"),
                java.util.Map.entry("outcome", "UNRESOLVED"), java.util.Map.entry("csat", 1));
    }

    @Test
    void blankFieldsAreLeftToTheServiceToName() {
        assertThat(TouchpointForm.blank("CALL_CENTER").request("c-1", ID, NOW))
                .containsOnlyKeys("id", "clientId", "occurredAt", "initiator", "channel");
    }

    @Test
    void aCsatThatIsNotANumberIsSentAsTypedSoTheServiceNamesIt() {
        TouchpointForm form = new TouchpointForm("BRANCH", "", "", "", "", "", "", "five", "");
        assertThat(form.request("c-1", ID, NOW)).containsEntry("csat", "five");
    }
}
