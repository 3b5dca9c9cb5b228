package org.bankcrm.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an OpenTelemetry collector: takes the spans the services export over OTLP/HTTP (protobuf,
 * {@code POST /v1/traces}) and keeps them for the tracing scenario. Reads only the fields it needs of the OTLP wire
 * format (opentelemetry-proto's trace.proto), so the tests need no protobuf classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span: the exporting service, ids in hex (parent empty at a root), name, kind, times, attributes. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            long startNanos, long endNanos, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private volatile String lastError = "none";

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                spans.addAll(exportRequest(ByteBuffer.wrap(body.readAllBytes())));
                exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            } catch (RuntimeException e) {
                lastError = e.toString() + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The system properties that point a service's exporter here (it exports what is sampled, within 100 ms). */
    Map<String, String> exporterProperties() {
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Why the last request that could not be read was refused, for a failure message. */
    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static List<Span> exportRequest(ByteBuffer in) {
        List<Span> spans = new ArrayList<>();
        while (in.hasRemaining()) {
            int tag = varint(in);
            if (tag >>> 3 == 1 && (tag & 7) == 2) {
                resourceSpans(message(in), spans);
            } else {
                skip(in, tag);
            }
        }
        return spans;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }, ScopeSpans { repeated Span spans = 2; }
    private static void resourceSpans(ByteBuffer in, List<Span> spans) {
        String service = "";
        List<ByteBuffer> scopes = new ArrayList<>();
        while (in.hasRemaining()) {
            int tag = varint(in);
            if (tag >>> 3 == 1 && (tag & 7) == 2) {
                // Resource { repeated KeyValue attributes = 1; }
                ByteBuffer resource = message(in);
                while (resource.hasRemaining()) {
                    int t = varint(resource);
                    if (t >>> 3 == 1 && (t & 7) == 2) {
                        String[] attribute = keyValue(message(resource));
                        if ("service.name".equals(attribute[0])) {
                            service = attribute[1];
                        }
                    } else {
                        skip(resource, t);
                    }
                }
            } else if (tag >>> 3 == 2 && (tag & 7) == 2) {
                scopes.add(message(in));
            } else {
                skip(in, tag);
            }
        }
        for (ByteBuffer scope : scopes) {
            while (scope.hasRemaining()) {
                int tag = varint(scope);
                if (tag >>> 3 == 2 && (tag & 7) == 2) {
                    spans.add(span(service, message(scope)));
                } else {
                    skip(scope, tag);
                }
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9; }
    private static Span span(String service, ByteBuffer in) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        long start = 0, end = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int tag = varint(in);
            switch (tag >>> 3) {
                case 1 -> traceId = HexFormat.of().formatHex(bytes(message(in)));
                case 2 -> spanId = HexFormat.of().formatHex(bytes(message(in)));
                case 4 -> parent = HexFormat.of().formatHex(bytes(message(in)));
                case 5 -> name = new String(bytes(message(in)), StandardCharsets.UTF_8);
                case 6 -> kind = varint(in);
                case 7 -> start = in.order(ByteOrder.LITTLE_ENDIAN).getLong();
                case 8 -> end = in.order(ByteOrder.LITTLE_ENDIAN).getLong();
                case 9 -> {
                    String[] attribute = keyValue(message(in));
                    attributes.put(attribute[0], attribute[1]);
                }
                default -> skip(in, tag);
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, start, end, attributes);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }, AnyValue { string string_value = 1; bool = 2; int64 = 3; double = 4; }
    private static String[] keyValue(ByteBuffer in) {
        String key = "", value = "";
        while (in.hasRemaining()) {
            int tag = varint(in);
            if (tag >>> 3 == 1 && (tag & 7) == 2) {
                key = new String(bytes(message(in)), StandardCharsets.UTF_8);
            } else if (tag >>> 3 == 2 && (tag & 7) == 2) {
                ByteBuffer any = message(in);
                while (any.hasRemaining()) {
                    int t = varint(any);
                    switch (t >>> 3) {
                        case 1 -> value = new String(bytes(message(any)), StandardCharsets.UTF_8);
                        case 2 -> value = Boolean.toString(varlong(any) != 0);
                        case 3 -> value = Long.toString(varlong(any));
                        case 4 -> value = Double.toString(any.order(ByteOrder.LITTLE_ENDIAN).getDouble());
                        default -> skip(any, t);
                    }
                }
            } else {
                skip(in, tag);
            }
        }
        return new String[] {key, value};
    }

    private static ByteBuffer message(ByteBuffer in) {
        int length = varint(in);
        ByteBuffer slice = in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + length);
        return slice;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        return bytes;
    }

    private static int varint(ByteBuffer in) {
        return (int) varlong(in);
    }

    private static long varlong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }

    private static void skip(ByteBuffer in, int tag) {
        switch (tag & 7) {
            case 0 -> varlong(in);
            case 1 -> in.position(in.position() + 8);
            case 2 -> {
                int length = varint(in); // read before the position is taken
                in.position(in.position() + length);
            }
            case 5 -> in.position(in.position() + 4);
            default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7));
        }
    }
}
