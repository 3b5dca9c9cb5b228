package org.bankcrm.platform.testing;


import jakarta.validation.Validation;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A consumer's reading of a producer's event, without starting Quarkus: the same {@link EventPayloads}
 * the consumer uses, on a Jackson mapper and validator configured like the application's.
 */
public final class ContractReading {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final EventPayloads PAYLOADS = new EventPayloads(JSON,
            Validation.byDefaultProvider().configure()
                    .messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory().getValidator());

    private ContractReading() {
    }

    /** Reads {@code json} as the data of an event of {@code type} into the consumer's payload record. */
    public static <T> T read(String type, String json, Class<T> payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("contract", 0, 0, "client", json);
        var produced = CloudEventRecords.event("contract", type, "client", json);
        produced.headers().forEach(h -> record.headers().add(h));
        IncomingEvent event = IncomingEvent.parse(record, JSON);
        return PAYLOADS.read(event, payload);
    }

}
