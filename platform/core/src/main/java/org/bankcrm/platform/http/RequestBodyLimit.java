package org.bankcrm.platform.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.platform.problem.Problem;
import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared body ({@code Content-Length}) exceeds
 * {@code quarkus.http.limits.max-body-size} with a 413 problem+json before anything reads it. Quarkus
 * enforces the same limit for bodies sent without a length (chunked), with a bare 413.
 */
@ApplicationScoped
public class RequestBodyLimit {
    static final String LIMIT_PROPERTY = "quarkus.http.limits.max-body-size";

    private final long maxBytes;
    private final ObjectMapper json;

    public RequestBodyLimit(Config config, ObjectMapper json) {
        this.maxBytes = config.getOptionalValue(LIMIT_PROPERTY, String.class)
                .map(size -> new MemorySizeConverter().convert(size).asLongValue())
                .orElse(Long.MAX_VALUE);
        this.json = json;
    }

    void install(@Observes Router router) {
        if (maxBytes < Long.MAX_VALUE) {
            router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
        }
    }

    void check(RoutingContext ctx) {
        long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared <= maxBytes) {
            ctx.next();
            return;
        }
        Problem problem = new Problem(null, "Content Too Large", 413,
                "The request body has " + declared + " bytes; at most " + maxBytes + " are accepted",
                Problem.instanceOf(ctx.normalizedPath()), null, Map.of("maxBodySize", maxBytes));
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"title\":\"Content Too Large\"}";
        }
        // the body is not read: the connection cannot be reused
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
