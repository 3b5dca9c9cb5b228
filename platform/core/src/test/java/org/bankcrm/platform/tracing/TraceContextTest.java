package org.bankcrm.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void anEventAppendedInASpanKeepsItsTraceparent() {
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope ignored = Context.root().with(span).makeCurrent()) {
            assertThat(TraceContext.withCurrentTraceparent(Map.of("causationid", "e-1")))
                    .containsEntry("traceparent", "00-" + TRACE + "-" + SPAN + "-01")
                    .containsEntry("causationid", "e-1");
        }
    }

    @Test
    void withoutASpanOrWithATraceparentAlreadyTheExtensionsStayAsTheyAre() {
        assertThat(TraceContext.withCurrentTraceparent(Map.of("causationid", "e-1"))).containsOnlyKeys("causationid");
        Map<String, String> given = Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-00");
        Span span = Span.wrap(SpanContext.create(TRACE, "1111111111111111", TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope ignored = Context.root().with(span).makeCurrent()) {
            assertThat(TraceContext.withCurrentTraceparent(given)).isEqualTo(given);
        }
    }

    @Test
    void aRecordNamesItsParentByTheW3cHeaderOrElseByTheCloudEventsExtension() {
        RecordHeaders onlyExtension = new RecordHeaders();
        onlyExtension.add(new RecordHeader("ce_traceparent", ("00-" + TRACE + "-" + SPAN + "-01").getBytes(StandardCharsets.UTF_8)));
        SpanContext parent = Span.fromContext(TraceContext.extract(onlyExtension)).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);

        assertThat(Span.fromContext(TraceContext.extract(new RecordHeaders())).getSpanContext().isValid()).isFalse();
        RecordHeaders broken = new RecordHeaders();
        broken.add(new RecordHeader("traceparent", "not-a-traceparent".getBytes(StandardCharsets.UTF_8)));
        assertThat(Span.fromContext(TraceContext.extract(broken)).getSpanContext().isValid()).isFalse();
    }
}
