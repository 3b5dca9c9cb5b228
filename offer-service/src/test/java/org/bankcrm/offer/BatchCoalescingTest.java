package org.bankcrm.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * The batched incoming path of the decision point on the real broker and database: touchpoints of one client that
 * arrive in one poll are applied in one transaction and cause one fast decision, which names every one of them
 * (trigger.causedBy in order; the last one as trigger.eventId and ce_causationid).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class BatchCoalescingTest {


    @Test
    void threeTouchpointsOfOneClientInOnePollCauseOneDecisionThatNamesThemAll() {
        String clientId = NextBestActionChainTest.knownClient();
        List<String> touchpoints = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        String[] channels = {"BRANCH", "CALL_CENTER", "MOBILE_APP"};
        for (String channel : channels) {
            String id = UUID.randomUUID().toString();
            touchpoints.add(id);
            records.add(TestEvents.interaction(id, clientId, TestEvents.recorded(clientId, channel, "INQUIRY", "RESOLVED",
                    "POSITIVE", null)));
        }
        CloudEventRecords.sendTogether(records);
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 6);

        await().during(Duration.ofSeconds(2)).atMost(NextBestActionChainTest.WAIT)
                .until(() -> NextBestActionChainTest.published(clientId, "crm.offer.decided").size() == 1);
        ConsumerRecord<String, String> decided = NextBestActionChainTest.published(clientId, "crm.offer.decided").get(0);
        assertThat(EventContracts.violations("contracts/crm.offer.decided.schema.json", decided.value())).isEmpty();
        JsonPath data = JsonPath.from(decided.value());
        assertThat(data.getString("trigger.type")).isEqualTo("INTERACTION");
        assertThat(data.getList("trigger.causedBy", String.class)).containsExactlyElementsOf(touchpoints);
        assertThat(data.getString("trigger.eventId")).isEqualTo(touchpoints.get(2));
        assertThat(CloudEventRecords.header(decided.headers(), "ce_causationid")).isEqualTo(touchpoints.get(2));
        assertThat(data.getString("channel")).as("the channel of the last touchpoint").isEqualTo("MOBILE_APP");
    }
}
