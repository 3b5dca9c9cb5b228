package org.bankcrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The batched incoming path on the real broker and database: events of one client that arrive in one poll are applied
 * in one transaction and cause one rescoring, which names every one of them (causedBy, in order; the last one as
 * ce_causationid), so the trace from a score back to its touchpoints stays whole.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class BatchCoalescingTest {


    @Test
    void threeComplaintsOfOneClientInOnePollCauseOneRescoringThatNamesThemAll() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(8)));
        await().atMost(LoyaltyChainTest.WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 1);
        await().atMost(LoyaltyChainTest.WAIT)
                .until(() -> LoyaltyChainTest.published(clientId, "crm.loyalty.score-changed").size() == 1);

        List<String> complaints = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            complaints.add(id);
            records.add(TestEvents.bankCausedComplaint(clientId, id));
        }
        CloudEventRecords.sendTogether(records);
        await().atMost(LoyaltyChainTest.WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 4);

        await().during(Duration.ofSeconds(2)).atMost(LoyaltyChainTest.WAIT)
                .until(() -> LoyaltyChainTest.published(clientId, "crm.loyalty.score-changed").size() == 2);
        ConsumerRecord<String, String> rescored = LoyaltyChainTest.published(clientId, "crm.loyalty.score-changed").get(1);
        assertThat(EventContracts.violations("contracts/crm.loyalty.score-changed.schema.json", rescored.value())).isEmpty();
        JsonPath data = JsonPath.from(rescored.value());
        assertThat(data.getList("causedBy", String.class)).containsExactlyElementsOf(complaints);
        assertThat(data.getString("triggerEventId")).isEqualTo(complaints.get(2));
        assertThat(CloudEventRecords.header(rescored.headers(), "ce_causationid")).isEqualTo(complaints.get(2));
        assertThat(data.getInt("basis.interactions")).as("all three applied before the one rescoring").isEqualTo(3);
    }
}
