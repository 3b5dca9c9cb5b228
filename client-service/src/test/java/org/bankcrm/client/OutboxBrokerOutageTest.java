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

/** The outbox keeps what the broker could not take and publishes it exactly once when it is back. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class OutboxBrokerOutageTest {
    static final String REGISTERED = "crm.client.registered";

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

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !PublishedEvents.of(first, REGISTERED).isEmpty() && !PublishedEvents.of(second, REGISTERED).isEmpty());
        // a later round must not publish them again
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        // each registration wrote two events (registered, value-changed) in its transaction: each is on the topic once
        for (String client : List.of(first, second)) {
            assertThat(PublishedEvents.of(client, REGISTERED)).as("registration of " + client).hasSize(1);
            assertThat(PublishedEvents.of(client, "crm.client.value-changed")).as("first value of " + client).hasSize(1);
        }
    }
}
