package org.bankcrm.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Points a {@code @QuarkusTest} application at the JVM's real broker and a fresh database of its own,
 * and fills {@code @InjectKafkaCompanion} fields with a companion on that broker.
 * Use: {@code @QuarkusTestResource(CrmTestResource.class)}.
 */
public class CrmTestResource implements QuarkusTestResourceLifecycleManager {
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("test");
        companion = new KafkaCompanion(infra.bootstrapServers());
        return Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "quarkus.datasource.reactive.url", infra.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(database),
                "quarkus.datasource.username", infra.user(),
                "quarkus.datasource.password", infra.password());
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
