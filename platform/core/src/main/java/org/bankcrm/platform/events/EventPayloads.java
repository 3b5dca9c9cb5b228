package org.bankcrm.platform.events;

import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an event's data into the consumer's own payload record (never a class shared with the producer)
 * and checks its Bean Validation constraints; what does not fit is a {@link MalformedEventException}
 * listing each field and its reason, so the dead-letter record says exactly what was wrong.
 */
@ApplicationScoped
public class EventPayloads {
    private final ObjectMapper json;
    private final Validator validator;

    public EventPayloads(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(IncomingEvent event, Class<T> type) {
        T payload;
        try {
            payload = json.treeToValue(event.data(), type);
        } catch (Exception e) {
            throw new MalformedEventException(event.type() + " data does not match its contract: "
                    + rootMessage(e));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(event.type() + " data is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return payload;
    }

    /** As {@link #read(IncomingEvent, Class)}, for data that names its client: it must be the event's subject. */
    public <T> T read(IncomingEvent event, Class<T> type, Function<T, UUID> clientId) {
        T payload = read(event, type);
        event.requireSubject(clientId.apply(payload));
        return payload;
    }

    private static String rootMessage(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return e.getMessage();
    }
}
