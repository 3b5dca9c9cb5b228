package org.bankcrm.platform.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Points a {@code @QuarkusTest} application at the JVM's real broker and a fresh database of its own,
 * and fills {@code @InjectKafkaCompanion} fields with a companion on that broker. The application verifies bearer
 * tokens as in production, trusting the key and issuer of {@link TestTokens}.
 * Use: {@code @QuarkusTestResource(CrmTestResource.class)}.
 */
public class CrmTestResource implements QuarkusTestResourceLifecycleManager {
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("test");
        companion = new KafkaCompanion(infra.bootstrapServers());
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "quarkus.datasource.reactive.url", infra.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(database),
                "quarkus.datasource.username", infra.user(),
                "quarkus.datasource.password", infra.password()));
        // the production token verification, trusting the test key pair (TestTokens) instead of the bank's
        config.putAll(TestTokens.serviceConfig());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
    }
}
