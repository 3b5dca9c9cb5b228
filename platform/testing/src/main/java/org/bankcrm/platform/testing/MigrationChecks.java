package org.bankcrm.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;

/**
 * Checks of a service's migrations on a fresh database of the real PostgreSQL, with the service's Flyway locations
 * (platform's and its own, out of order as in production): rows written under an older schema and what becomes of them.
 */
public final class MigrationChecks {
    private MigrationChecks() {
    }

    /**
     * A database at the service's migration {@code before} (its last one with its own {@code erased_client} table) with
     * an erased client in it, migrated to the latest: the client is in the platform's {@code client_tombstone} with the
     * time of the erasure, and {@code erased_client} is gone.
     */
    public static void erasedClientsMoveToThePlatform(String before) throws SQLException {
        RealInfrastructure infra = RealInfrastructure.get();
        String url = infra.jdbcUrl(infra.createDatabase("migration"));
        UUID clientId = UUID.randomUUID();
        Instant erasedAt = Instant.parse("2026-11-27T11:30:00Z");

        flyway(url, before).migrate();
        try (Connection c = DriverManager.getConnection(url, infra.user(), infra.password());
                PreparedStatement insert = c.prepareStatement("insert into erased_client (client_id, erased_at) values (?, ?)")) {
            insert.setObject(1, clientId);
            insert.setTimestamp(2, Timestamp.from(erasedAt));
            insert.executeUpdate();
        }
        flyway(url, "latest").migrate();

        try (Connection c = DriverManager.getConnection(url, infra.user(), infra.password());
                Statement s = c.createStatement();
                ResultSet moved = s.executeQuery("select erased_at from client_tombstone where client_id = '" + clientId + "'")) {
            assertThat(moved.next()).as("tombstone moved").isTrue();
            assertThat(moved.getTimestamp(1).toInstant()).isEqualTo(erasedAt);
            try (ResultSet old = c.createStatement().executeQuery("select to_regclass('erased_client') is null")) {
                assertThat(old.next() && old.getBoolean(1)).as("erased_client dropped").isTrue();
            }
        }
    }

    private static Flyway flyway(String url, String target) {
        RealInfrastructure infra = RealInfrastructure.get();
        return Flyway.configure()
                .dataSource(url, infra.user(), infra.password())
                .locations("classpath:db/platform", "classpath:db/migration")
                .outOfOrder(true)
                .target(target)
                .load();
    }
}
