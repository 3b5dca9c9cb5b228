package org.bankcrm.platform.problem;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * REST request bodies are read strictly: a property the request record does not declare is a 400
 * problem+json naming it ({@link ProblemMappers#unknownField}), so a typo ({@code "emial"}) is never
 * silently dropped, and every value is held to {@link InputBounds} ({@link InputBoundsModule}). Only
 * Quarkus REST uses this mapper; the application's {@link ObjectMapper} bean, which
 * reads Kafka events ({@code EventPayloads} and the services' consumers), keeps ignoring unknown properties
 * so that consumers tolerate fields a producer adds later.
 */
@Provider
public class StrictRequestJson implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    public StrictRequestJson(ObjectMapper json) {
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new InputBoundsModule());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
