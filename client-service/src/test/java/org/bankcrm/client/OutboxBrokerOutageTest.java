package org.bankcrm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox keeps what the broker could not take and publishes it exactly once when it is back. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class OutboxBrokerOutageTest {

    @Test
    void eventsCommittedWhileTheBrokerIsDownArePublishedExactlyOnceWhenItComesBack() {
        // the service has published before, so its producer knows the topic's metadata
        ClientRegistrationTest.register("CB-" + UUID.randomUUID());

        RealInfrastructure infra = RealInfrastructure.get();
        infra.stopKafkaBroker();
        String first;
        String second;
        try {
            first = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            second = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        } finally {
            infra.startKafkaBroker();
        }

        String topic = ClientRegistrationTest.TOPIC;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !TopicContents.forKey(topic, first).isEmpty() && !TopicContents.forKey(topic, second).isEmpty());
        // a later round must not publish them again
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        List<ConsumerRecord<String, String>> records = TopicContents.read(topic);
        assertThat(records.stream().filter(r -> first.equals(r.key()))).as("first client's event").hasSize(1);
        assertThat(records.stream().filter(r -> second.equals(r.key()))).as("second client's event").hasSize(1);
    }
}
