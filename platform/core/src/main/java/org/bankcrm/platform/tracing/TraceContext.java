package org.bankcrm.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/) across the outbox and Kafka: the {@code traceparent} of the
 * current span is kept with an outbox row (CloudEvents distributed-tracing extension {@code traceparent}) and travels as
 * the record's {@code traceparent} and {@code ce_traceparent} headers, so a consumer continues the producer's trace
 * however long the row waited for the relay.
 */
public final class TraceContext {
    /** The CloudEvents distributed-tracing extension attribute (header {@code ce_traceparent} in binary mode). */
    public static final String TRACEPARENT = "traceparent";
    /** The W3C header a Kafka instrumentation reads (OpenTelemetry's, SmallRye's). */
    public static final String TRACEPARENT_HEADER = "traceparent";
    private static final String CE_TRACEPARENT_HEADER = "ce_traceparent";

    private TraceContext() {
    }

    /** The current span's {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), if there is a valid span. */
    public static Optional<String> currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /** {@code extensions} with the current {@code traceparent} added, unless it has one or there is no current span. */
    public static Map<String, String> withCurrentTraceparent(Map<String, String> extensions) {
        if (extensions.containsKey(TRACEPARENT)) {
            return extensions;
        }
        return currentTraceparent().map(traceparent -> {
            Map<String, String> merged = new HashMap<>(extensions);
            merged.put(TRACEPARENT, traceparent);
            return merged;
        }).orElse(extensions);
    }

    /**
     * The remote span a Kafka record's headers name: {@code traceparent}, else {@code ce_traceparent} (a CloudEvents
     * producer that sets only the extension); {@code Context.root()} with no span when neither is a valid one.
     */
    public static Context extract(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, KAFKA_HEADERS);
    }

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> Arrays.stream(headers.toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            if (header == null && TRACEPARENT_HEADER.equals(key)) {
                header = headers.lastHeader(CE_TRACEPARENT_HEADER);
            }
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
}
