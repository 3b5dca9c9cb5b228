package org.bankcrm.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bankcrm.platform.events.MalformedEventException;
import org.hibernate.HibernateException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

class TransientFailuresTest {

    private static PgException postgres(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    /** As Hibernate Reactive hands a driver error to the effect's Uni. */
    private static Throwable wrapped(Throwable driverError) {
        return new HibernateException(new CompletionException(driverError));
    }

    @ParameterizedTest
    @ValueSource(strings = { "08006", "08001", "57P01", "57P02", "57P03", "53300", "53100", "40001", "40P01", "55P03" })
    void aPostgresErrorOfAnOutageOrLockConflictIsTransient(String sqlState) {
        assertThat(TransientFailures.isTransient(wrapped(postgres(sqlState, "error " + sqlState)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "23505", "23503", "22P02", "42P01", "42703" })
    void aPostgresErrorOfTheDataOrTheSchemaIsNotTransient(String sqlState) {
        assertThat(TransientFailures.isTransient(wrapped(postgres(sqlState, "error " + sqlState)))).isFalse();
    }

    @Test
    void aDatabaseThatAcceptsNoConnectionsIsTransient() {
        // what ALTER DATABASE ... ALLOW_CONNECTIONS false answers, SQLSTATE 55000
        var error = postgres("55000", "database \"loyalty\" is not currently accepting connections");
        assertThat(TransientFailures.isTransient(wrapped(error))).isTrue();
    }

    @Test
    void aClosedOrRefusedConnectionIsTransient() {
        assertThat(TransientFailures.isTransient(wrapped(new ConnectException("Connection refused: localhost/127.0.0.1:5432")))).isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new VertxException("Connection is closed")))).isTrue();
        assertThat(TransientFailures.isTransient(new JDBCConnectionException("cannot connect", new SQLException("x", "08001")))).isTrue();
    }

    @Test
    void aTimeoutIsTransient() {
        assertThat(TransientFailures.isTransient(wrapped(new TimeoutException()))).isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new org.apache.kafka.common.errors.TimeoutException("metadata")))).isTrue();
    }

    @Test
    void aRetriableBrokerErrorIsTransientAndARecordTooLargeIsNot() {
        assertThat(TransientFailures.isTransient(new NotEnoughReplicasException("isr"))).isTrue();
        assertThat(TransientFailures.isTransient(new RecordTooLargeException("too large"))).isFalse();
    }

    @Test
    void aMalformedEventIsNeverTransientEvenWhenItsMessageSoundsLikeOne() {
        var malformed = new MalformedEventException("field 'timeout' is not a number");
        assertThat(TransientFailures.isTransient(wrapped(malformed))).isFalse();
        assertThat(TransientFailures.isMalformed(wrapped(malformed))).isTrue();
    }

    @Test
    void aBugInTheEffectIsNeitherTransientNorMalformed() {
        var bug = new IllegalStateException("no score for client");
        assertThat(TransientFailures.isTransient(bug)).isFalse();
        assertThat(TransientFailures.isMalformed(bug)).isFalse();
    }
}
