package org.bankcrm.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class PersonalDataLogFilterTest {
    private final PersonalDataLogFilter filter = new PersonalDataLogFilter();

    @Test
    void maskedParametersOfAJBossRecordAreFormattedIntoTheMessage() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "client %s with %s on port %d",
                ExtLogRecord.FormatStyle.PRINTF, PersonalDataLogFilterTest.class.getName());
        record.setParameters(new Object[] { "anna@example.com", "+420601234567", 8081 });

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("client [EMAIL] with [PHONE] on port 8081");
        assertThat(record.getParameters()).isNull();
    }

    @Test
    void messageFormatParametersOfAPlainRecordAreMasked() {
        LogRecord record = new LogRecord(Level.WARNING, "card {0} of {1}");
        record.setParameters(new Object[] { "4111 1111 1111 1111", "client 42" });

        filter.isLoggable(record);

        assertThat(record.getMessage()).isEqualTo("card [CARD] of client 42");
    }

    @Test
    void aRecordWithoutPersonalDataIsLeftAsItWas() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "relay published %d events", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] { 500 });
        IllegalStateException thrown = new IllegalStateException("broker localhost:9092 unreachable");
        record.setThrown(thrown);

        filter.isLoggable(record);

        assertThat(record.getFormattedMessage()).isEqualTo("relay published 500 events");
        assertThat(record.getThrown()).isSameAs(thrown);
    }

    @Test
    void exceptionMessagesAndTheirCausesAreMaskedAndKeepTheirStackTrace() {
        IllegalArgumentException cause = new IllegalArgumentException(
                "duplicate key value violates unique constraint: Key (email)=(anna@example.com) already exists");
        RuntimeException thrown = new RuntimeException("insert failed for +44 20 7946 0958", cause);
        LogRecord record = new LogRecord(Level.SEVERE, "unexpected error");
        record.setThrown(thrown);

        filter.isLoggable(record);

        StringWriter printed = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains("java.lang.RuntimeException: insert failed for [PHONE]")
                .contains("Caused by: java.lang.IllegalArgumentException: duplicate key value violates unique constraint: "
                        + "Key (email)=([EMAIL]) already exists")
                .contains("PersonalDataLogFilterTest.exceptionMessagesAndTheirCausesAreMaskedAndKeepTheirStackTrace")
                .doesNotContain("anna@example.com").doesNotContain("7946");
    }
}
