package org.bankcrm.platform.inbox;

import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.tracing.TraceContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The span of one record's way through the Inbox: a CONSUMER span ({@code <topic> process}), the child of the span its
 * {@code traceparent} header names (the producer's: the outbox keeps it with the event). While a step runs under
 * {@link #current(Supplier)} the span is current on the record's Vert.x context: what the effect appends to the outbox
 * carries this trace on, and log lines carry its ids.
 */
final class ConsumerSpan {
    private final io.opentelemetry.context.Context parent;
    private final Span span;

    private ConsumerSpan(io.opentelemetry.context.Context parent, Span span) {
        this.parent = parent;
        this.span = span;
    }

    static ConsumerSpan start(Tracer tracer, String consumer, ConsumerRecord<String, String> record) {
        io.opentelemetry.context.Context parent = TraceContext.extract(record.headers());
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("crm.consumer", consumer)
                .startSpan();
        return new ConsumerSpan(parent, span);
    }

    /** Runs {@code step} with this span current, then ends the span (with the step's failure, if any). */
    Uni<Void> current(Supplier<Uni<Void>> step) {
        return during(step).onTermination().invoke((item, failure, cancelled) -> end(failure));
    }

    /** Runs {@code step} with this span current and leaves the span open. */
    <T> Uni<T> during(Supplier<Uni<T>> step) {
        Context vertx = Vertx.currentContext();
        // only a duplicated (per-record or per-batch) context holds it for the asynchronous steps; elsewhere it stays unattached
        Scope scope = vertx != null && VertxContext.isDuplicatedContext(vertx) ? parent.with(span).makeCurrent() : Scope.noop();
        Uni<T> result;
        try {
            result = step.get();
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        return result.onTermination().invoke(scope::close);
    }

    void end(Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR);
            span.recordException(failure);
        }
        span.end();
    }
}
