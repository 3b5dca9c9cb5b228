package org.bankcrm.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class IncomingEventTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ConsumerRecord<String, String> record(String key, String value, String... headers) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("crm.client.events.v1", 2, 17L, key, value);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    static ConsumerRecord<String, String> valid(String value) {
        return record("c-1", value, "ce_specversion", "1.0", "ce_id", "e-1", "ce_type", "crm.client.registered",
                "ce_source", "/bank-crm/client-service", "ce_subject", "c-1", "ce_time", "2026-11-27T10:15:30.123Z",
                "content-type", "application/json", "ce_causationid", "e-0");
    }

    @Test
    void aBinaryModeCloudEventIsReadWithItsExtensionsAndOrigin() {
        IncomingEvent event = IncomingEvent.parse(valid("{\"clientId\":\"c-1\"}"), JSON);
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.type()).isEqualTo("crm.client.registered");
        assertThat(event.subject()).isEqualTo("c-1");
        assertThat(event.time()).hasToString("2026-11-27T10:15:30.123Z");
        assertThat(event.extension("causationid")).isEqualTo("e-0");
        assertThat(event.extensions()).doesNotContainKey("id");
        assertThat(event.data().get("clientId").asText()).isEqualTo("c-1");
        assertThat(event.partition()).isEqualTo(2);
        assertThat(event.offset()).isEqualTo(17L);
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsMalformed() {
        assertThatThrownBy(() -> IncomingEvent.parse(record("c-1", "{}"), JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_specversion");
    }

    @Test
    void aKeyOtherThanTheSubjectIsMalformed() {
        var record = valid("{}");
        var rekeyed = new ConsumerRecord<>(record.topic(), 0, 0L, "someone-else", record.value());
        record.headers().forEach(h -> rekeyed.headers().add(h));
        assertThatThrownBy(() -> IncomingEvent.parse(rekeyed, JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_subject");
    }

    @Test
    void dataThatIsNotAJsonObjectIsMalformed() {
        assertThatThrownBy(() -> IncomingEvent.parse(valid("{\"a\":"), JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> IncomingEvent.parse(valid("[1,2]"), JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> IncomingEvent.parse(valid(""), JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("empty");
    }

    @Test
    void aBadTimeIsMalformed() {
        var record = valid("{}");
        record.headers().remove("ce_time");
        record.headers().add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> IncomingEvent.parse(record, JSON))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_time");
    }

    @Test
    void dataNamingAnotherClientThanTheSubjectIsMalformed() {
        IncomingEvent event = IncomingEvent.parse(record("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10", "{}", "ce_specversion", "1.0",
                "ce_id", "e-1", "ce_type", "crm.client.registered", "ce_source", "/bank-crm/client-service",
                "ce_subject", "6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10", "ce_time", "2026-11-27T10:15:30Z"), JSON);
        event.requireSubject(UUID.fromString("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10"));
        assertThatThrownBy(() -> event.requireSubject(UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isInstanceOf(MalformedEventException.class).hasMessage("data.clientId differs from ce_subject");
        assertThatThrownBy(() -> event.requireSubject(null)).isInstanceOf(MalformedEventException.class);
    }
}
