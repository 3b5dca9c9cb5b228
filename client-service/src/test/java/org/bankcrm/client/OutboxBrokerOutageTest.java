package org.bankcrm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox keeps what the broker could not take and publishes all of it, in each client's order, when it is back.
 * A send whose outcome the relay cannot know (the broker took a client's later event but failed an earlier one, so the
 * later one is sent again after it to keep the order) may leave a second copy: always under the same {@code ce_id},
 * which every consumer's inbox applies once ({@code ConsumerPlumbingChecks}).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class OutboxBrokerOutageTest {
    static final String REGISTERED = "crm.client.registered";

    @Test
    void eventsCommittedWhileTheBrokerIsDownArePublishedInOrderWhenItComesBack() {
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

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !PublishedEvents.of(first, REGISTERED).isEmpty() && !PublishedEvents.of(second, REGISTERED).isEmpty());
        // a later round must not publish them again
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        // each registration wrote two events (registered, value-changed) in its transaction: both are on the topic,
        // every copy of one under one ce_id, and the client's order holds for the copies that count last
        for (String client : List.of(first, second)) {
            var registered = PublishedEvents.of(client, REGISTERED);
            var valued = PublishedEvents.of(client, "crm.client.value-changed");
            assertThat(valued).as("first value of " + client).isNotEmpty();
            assertThat(registered.stream().map(r -> header(r, "ce_id")).distinct()).as("ids of the registration of " + client)
                    .hasSize(1);
            assertThat(valued.stream().map(r -> header(r, "ce_id")).distinct()).as("ids of the first value of " + client)
                    .hasSize(1);
            assertThat(registered.size() + valued.size()).as("copies of the two events of " + client).isLessThanOrEqualTo(3);
            assertThat(registered.get(registered.size() - 1).offset()).as("registration before value, " + client)
                    .isLessThan(valued.get(valued.size() - 1).offset());
        }
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
