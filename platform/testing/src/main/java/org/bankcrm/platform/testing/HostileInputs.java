package org.bankcrm.platform.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.bankcrm.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A hostile-input run against a running {@code @QuarkusTest} service, generated from its own OpenAPI document
 * ({@code /q/openapi?format=json}): for every operation it builds a valid request from the schema (enums,
 * formats, required fields, minimum/maximum), sends it, then sends one request per mutation of each parameter
 * and body field (missing, null, wrong type, empty, huge, control characters, unicode edge cases, extreme
 * numbers, out-of-range dates, unknown enum values, huge pages), plus malformed bodies and a wrong content type.
 * Every request carries a token with all roles. A 5xx, or an error (4xx) that is not application/problem+json,
 * is a failure. The mutations are fixed: the same document gives the same mutations.
 *
 * <pre>HostileInputs.of("client-service").value("id", existingClientId).run().assertClean();</pre>
 */
public final class HostileInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A string field's value is replaced by this marker, then by raw JSON text the tree cannot hold. */
    private static final String RAW = "\u0001raw:";
    private static final int HUGE_BODY_STRING = 100 * 1024;
    /** Query and path values stay below the HTTP server's 4 KiB request line. */
    private static final int HUGE_PARAMETER = 2_000;
    private static final int MAX_DEPTH = 3;

    private final String service;
    private final Map<String, Supplier<Object>> values = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> fresh = new LinkedHashMap<>();
    /** The valid values of the fresh fields in the current operation's body, each replaced in every request. */
    private final Map<String, String> freshInBody = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private String authorization = TestTokens.bearer(Roles.ALL.toArray(String[]::new));
    private JsonNode document;
    private int sent;
    private int serverErrors;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    /** The operations whose valid request was not answered 2xx: their mutations ran no deeper than validation. */
    private final List<String> shallow = new ArrayList<>();
    private final Random random = new Random(20);

    private HostileInputs(String service) {
        this.service = service;
    }

    public static HostileInputs of(String service) {
        return new HostileInputs(service);
    }

    /**
     * The valid value of every parameter or body field with this name (e.g. {@code id} or {@code clientId}: an
     * existing client, so that the mutations of the other fields reach deeper code than a 404).
     */
    public HostileInputs value(String name, Supplier<Object> value) {
        values.put(name, value);
        return this;
    }

    public HostileInputs value(String name, Object value) {
        return value(name, () -> value);
    }

    /** The valid body of one operation, e.g. {@code body("POST /api/v1/clients", json)}, instead of the generated one. */
    public HostileInputs body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /**
     * A body field that must be new in every request (a caller's id, a unique reference), so that the mutations of
     * the other fields are not all answered 409 as repeats of the first request.
     */
    public HostileInputs fresh(String field, Supplier<String> value) {
        fresh.put(field, value);
        return this;
    }

    /** Operations not to send, e.g. {@code "DELETE /api/v1/clients/{id}"} (it would erase the client the others use). */
    public HostileInputs skip(String operation) {
        skipped.add(operation);
        return this;
    }

    public HostileInputs authorization(String header) {
        this.authorization = header;
        return this;
    }

    public int sent() {
        return sent;
    }

    public int serverErrors() {
        return serverErrors;
    }

    public List<String> failures() {
        return failures;
    }

    /** Sends every operation's valid request and its mutations; DELETEs last, so that they do not starve the others. */
    public HostileInputs run() {
        long started = System.nanoTime();
        document = read(given().get("/q/openapi?format=json").asString());
        List<String[]> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                    && !skipped.contains(method + " " + path.getKey())) {
                operations.add(new String[] { method, path.getKey() });
            }
        }));
        operations.sort((a, b) -> Boolean.compare(a[0].equals("DELETE"), b[0].equals("DELETE")));
        int count = 0;
        for (String[] operation : operations) {
            operation(operation[0], operation[1], document.path("paths").path(operation[1]).path(operation[0].toLowerCase()));
            count++;
        }
        System.out.printf("hostile inputs, %s: %d operations, %d requests, %d 5xx, %d failures, %d s; by status %s%n",
                service, count, sent, serverErrors, failures.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                statuses);
        System.out.println("  valid request not 2xx (mutations stop at validation): " + shallow);
        failures.forEach(f -> System.out.println("  FAIL " + f));
        return this;
    }

    /** Fails listing each request that got a 5xx or a non-problem error. */
    public void assertClean() {
        if (!failures.isEmpty()) {
            throw new AssertionError(service + ": " + failures.size() + " of " + sent + " hostile requests failed ("
                    + serverErrors + " 5xx):\n  " + String.join("\n  ", failures));
        }
    }

    // ---- one operation

    private record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    private void operation(String method, String path, JsonNode op) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            if (List.of("path", "query").contains(param.path("in").asText())) {
                parameters.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                        param.path("required").asBoolean(false), resolve(param.path("schema"))));
            }
        }
        JsonNode content = resolve(op.path("requestBody")).path("content");
        JsonNode bodySchema = content.has("application/json") ? resolve(content.path("application/json").path("schema")) : null;
        String operation = method + " " + path;

        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (p.in.equals("path")) {
                pathValues.put(p.name, parameterValue(p));
            } else if (p.required) {
                queryValues.put(p.name, parameterValue(p));
            }
        }
        JsonNode body = bodySchema == null ? null
                : bodies.containsKey(operation) ? read(bodies.get(operation)) : valid(bodySchema, "", 0);
        freshInBody.clear();
        if (body != null && body.isObject()) {
            fresh.keySet().forEach(field -> {
                if (body.path(field).isTextual()) {
                    freshInBody.put(field, body.get(field).asText());
                }
            });
        }
        Request valid = new Request(method, path, pathValues, queryValues, body == null ? null : write(body),
                bodySchema == null ? null : "application/json");
        int status = send(valid, "valid request");
        if (status < 200 || status > 299) {
            shallow.add(operation + " " + status);
        }

        for (Parameter p : parameters) {
            for (Map.Entry<String, String> mutation : parameterMutations(p).entrySet()) {
                Request r = valid.copy();
                Map<String, String> target = p.in.equals("path") ? r.path : r.query;
                if (mutation.getValue() == null) {
                    target.remove(p.name);
                } else {
                    target.put(p.name, mutation.getValue());
                }
                if (p.in.equals("path") && mutation.getValue() == null) {
                    continue;
                }
                send(r, p.in + " " + p.name + ": " + mutation.getKey());
            }
        }
        if (body != null) {
            for (Map.Entry<String, String> mutation : bodyMutations(body, bodySchema).entrySet()) {
                Request r = valid.copy();
                r.body = mutation.getValue();
                send(r, "body " + mutation.getKey());
            }
            for (Map.Entry<String, String> wrong : Map.of("text/plain", "hello", "application/xml", "<client/>",
                    "application/x-www-form-urlencoded", "a=b").entrySet()) {
                Request r = valid.copy();
                r.contentType = wrong.getKey();
                r.body = wrong.getValue();
                send(r, "content type " + wrong.getKey());
            }
        }
    }

    private String parameterValue(Parameter p) {
        if (values.containsKey(p.name)) {
            return String.valueOf(values.get(p.name).get());
        }
        JsonNode v = valid(p.schema, p.name, 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    private Map<String, String> parameterMutations(Parameter p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!p.in.equals("path")) {
            m.put("missing", null);
        }
        m.put("empty", "");
        m.put("NUL", "a\u0000b");
        m.put("escape character", "\u001b[31m");
        m.put("line break", "a\r\nb");
        m.put("huge", "x".repeat(HUGE_PARAMETER));
        m.put("RTL override and emoji", "\u202eabc\uD83D\uDE00");
        m.put("percent and slash", "%2F..%00/x");
        m.put("SQL-ish", "' or 1=1 --");
        m.put("wrong type", "not-a-" + type(p.schema));
        for (String number : List.of("-1", "2147483648", "99999999999999999999", "1e400", "1.5", "10737419",
                "4300000")) {
            m.put("number " + number, number);
        }
        for (String date : List.of("-5000-01-01", "+99999-01-01", "2026-02-30", "-5000-01",
                "-5000-01-01T00:00:00Z", "+99999-01-01T00:00:00Z")) {
            m.put("date " + date, date);
        }
        m.put("unknown enum", "NOT_A_KNOWN_VALUE");
        m.put("lower-case enum", enumValue(p.schema).toLowerCase());
        return m;
    }

    // ---- body mutations

    private Map<String, String> bodyMutations(JsonNode body, JsonNode schema) {
        Map<String, String> m = new LinkedHashMap<>();
        String valid = write(body);
        m.put("malformed JSON (cut short)", valid.substring(0, Math.max(1, valid.length() / 2)));
        m.put("malformed JSON (trailing garbage)", valid + "}}");
        m.put("empty", "");
        m.put("null", "null");
        m.put("an array instead of an object", "[" + valid + "]");
        m.put("a string instead of an object", "\"x\"");
        m.put("a number instead of an object", "1e400");
        m.put("deeply nested", "[".repeat(5_000) + "]".repeat(5_000));
        m.put("unknown field", body.isObject() ? valid.replaceFirst("\\{", "{\"notAField\":1,") : valid);
        m.put("lone surrogate in a field name", body.isObject() ? valid.replaceFirst("\\{", "{\"\\\\ud800\":1,") : valid);
        m.put("invalid UTF-8", new String(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' },
                StandardCharsets.ISO_8859_1));
        mutateTree(body, schema, "", body, m, 0);
        return m;
    }

    /** For each field under {@code node} (at {@code path}), each mutation of it in a copy of the whole {@code root}. */
    private void mutateTree(JsonNode root, JsonNode schema, String path, JsonNode node, Map<String, String> out, int depth) {
        if (depth > MAX_DEPTH || node == null) {
            return;
        }
        schema = resolve(schema);
        if (node.isObject()) {
            JsonNode properties = schema == null ? null : properties(schema);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                JsonNode fieldSchema = properties == null ? null : resolve(properties.get(name));
                for (Map.Entry<String, String> mutation : valueMutations(fieldSchema).entrySet()) {
                    JsonNode copy = root.deepCopy();
                    ObjectNode parent = (ObjectNode) at(copy, path);
                    if (mutation.getValue() == null) {
                        parent.remove(name);
                    } else {
                        parent.put(name, RAW + mutation.getValue());
                    }
                    out.put(fieldPath + ": " + mutation.getKey(), withRaw(write(copy)));
                }
                mutateTree(root, fieldSchema, fieldPath, node.get(name), out, depth + 1);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            JsonNode itemSchema = schema == null ? null : resolve(schema.path("items"));
            String itemPath = path + "[0]";
            for (Map.Entry<String, String> mutation : valueMutations(itemSchema).entrySet()) {
                if (mutation.getValue() == null) {
                    continue;
                }
                JsonNode copy = root.deepCopy();
                ((ArrayNode) at(copy, path)).set(0, NODES.textNode(RAW + mutation.getValue()));
                out.put(itemPath + ": " + mutation.getKey(), withRaw(write(copy)));
            }
            JsonNode many = root.deepCopy();
            ArrayNode array = (ArrayNode) at(many, path);
            for (int i = 0; i < 2_000; i++) {
                array.add(node.get(0).deepCopy());
            }
            out.put(path + ": 2,001 items", write(many));
            mutateTree(root, itemSchema, itemPath, node.get(0), out, depth + 1);
        }
    }

    /** Raw JSON texts replacing a value; null means the field is left out. */
    private Map<String, String> valueMutations(JsonNode schema) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("missing", null);
        m.put("null", "null");
        m.put("empty string", "\"\"");
        m.put("huge string (100 KB)", quote("x".repeat(HUGE_BODY_STRING)));
        m.put("NUL", "\"a\\u0000b\"");
        m.put("control characters", "\"\\u0007\\u001b\\u007f\"");
        m.put("tab and line breaks", "\"a\\tb\\r\\nc\"");
        m.put("lone high surrogate", "\"x\\ud800\"");
        m.put("RTL override", "\"\\u202eevil\"");
        m.put("emoji, BOM and combining marks", "\"\\ud83d\\ude00\\ufeffe\\u0301\"");
        m.put("an object", "{\"a\":1}");
        m.put("an array", "[1,2]");
        for (String number : List.of("-1", "0", "2147483648", "9223372036854775808", "1e400", "-1e308", "1.5",
                "0.000000000000001", "123456789012345678901234567890.123")) {
            m.put("number " + number, number);
        }
        for (String date : List.of("-5000-01-01", "+99999-01-01", "2026-02-30", "-5000-01", "-5000-01-01T00:00:00Z",
                "+99999-01-01T00:00:00Z", "1899-12-31")) {
            m.put("date " + date, quote(date));
        }
        m.put("unknown enum", "\"NOT_A_KNOWN_VALUE\"");
        if (schema != null && !enumValue(schema).isEmpty()) {
            m.put("lower-case enum", quote(enumValue(schema).toLowerCase()));
        }
        m.put("wrong type", type(schema).equals("string") ? "12345" : "\"not-a-" + type(schema) + "\"");
        return m;
    }

    // ---- valid values from the schema

    private JsonNode valid(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (values.containsKey(name)) {
            return JSON.valueToTree(values.get(name).get());
        }
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("x");
        }
        if (schema.has("example") && !schema.path("example").isNull() && !schema.has("$ref")) {
            return schema.get("example");
        }
        if (!enumValue(schema).isEmpty()) {
            return NODES.textNode(enumValue(schema));
        }
        String format = schema.path("format").asText("");
        switch (type(schema)) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = properties(schema);
                if (properties != null && depth <= MAX_DEPTH) {
                    properties.fields().forEachRemaining(p -> {
                        if (!resolve(p.getValue()).path("readOnly").asBoolean(false)) {
                            object.set(p.getKey(), valid(p.getValue(), p.getKey(), depth + 1));
                        }
                    });
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                if (depth <= MAX_DEPTH) {
                    array.add(valid(schema.path("items"), "", depth + 1));
                }
                return array;
            }
            case "integer": {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 3);
                return NODES.numberNode(Math.min(Math.max(min, 1), max));
            }
            case "number": {
                double min = schema.has("minimum") ? schema.get("minimum").asDouble() : 0;
                double max = schema.has("maximum") ? schema.get("maximum").asDouble() : 1_000;
                return NODES.numberNode(Math.min(Math.max(min, Math.min(max, 1)), max));
            }
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(validText(schema, name, format));
        }
    }

    private String validText(JsonNode schema, String name, String format) {
        String lower = name.toLowerCase();
        if (lower.equals("month")) {
            return "2025-06";
        }
        switch (format) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date":
                return lower.contains("birth") ? "1985-06-15" : "2025-06-15";
            case "date-time":
                return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            case "email":
                return "ann.hostile@example.com";
            default:
        }
        if (lower.contains("email")) {
            return "ann.hostile@example.com";
        }
        if (lower.contains("phone")) {
            return "+441632960" + (100 + random.nextInt(899));
        }
        if (lower.endsWith("ref")) {
            return "HOSTILE-" + UUID.randomUUID();
        }
        int min = schema.path("minLength").asInt(1);
        int max = schema.path("maxLength").asInt(Math.max(min, 12));
        String text = "Valid" + "x".repeat(Math.max(0, min - 5));
        return text.length() > max ? text.substring(0, max) : text;
    }

    // ---- schema helpers (OpenAPI 3.0 and 3.1)

    private JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return schema;
        }
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                for (JsonNode part : schema.get(combinator)) {
                    JsonNode resolved = resolve(part);
                    if (!"null".equals(resolved.path("type").asText())) {
                        ObjectNode merged = ((ObjectNode) schema.deepCopy());
                        merged.remove(combinator);
                        resolved.fields().forEachRemaining(f -> {
                            if (!merged.has(f.getKey())) {
                                merged.set(f.getKey(), f.getValue());
                            }
                        });
                        return merged;
                    }
                }
            }
        }
        return schema;
    }

    private JsonNode properties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        return resolved != null && resolved.has("properties") ? resolved.get("properties") : null;
    }

    private static String type(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return "string";
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static String enumValue(JsonNode schema) {
        if (schema == null) {
            return "";
        }
        for (JsonNode value : schema.path("enum")) {
            if (value.isTextual()) {
                return value.asText();
            }
        }
        return "";
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String part : path.split("\\.")) {
            String name = part.replace("[0]", "");
            node = node.get(name);
            for (int i = part.indexOf("[0]"); i >= 0; i = part.indexOf("[0]", i + 1)) {
                node = node.get(0);
            }
        }
        return node;
    }

    // ---- sending

    private static final class Request {
        final String method;
        final String template;
        Map<String, String> path;
        Map<String, String> query;
        String body;
        String contentType;

        Request(String method, String template, Map<String, String> path, Map<String, String> query, String body,
                String contentType) {
            this.method = method;
            this.template = template;
            this.path = path;
            this.query = query;
            this.body = body;
            this.contentType = contentType;
        }

        Request copy() {
            return new Request(method, template, new LinkedHashMap<>(path), new LinkedHashMap<>(query), body, contentType);
        }
    }

    private int send(Request r, String mutation) {
        RequestSpecification request = given().header("Authorization", authorization);
        String url = r.template;
        for (Map.Entry<String, String> p : r.path.entrySet()) {
            url = url.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> q : r.query.entrySet()) {
            query.append(query.isEmpty() ? "?" : "&").append(encode(q.getKey())).append('=').append(encode(q.getValue()));
        }
        request.urlEncodingEnabled(false);
        if (r.body != null && r.contentType.equals("application/json")) {
            String body = r.body;
            for (Map.Entry<String, String> field : freshInBody.entrySet()) {
                body = body.replace(quote(field.getValue()), quote(fresh.get(field.getKey()).get()));
            }
            request.contentType(r.contentType).body(body.getBytes(
                    mutation.contains("invalid UTF-8") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        } else if (r.body != null) {
            request.contentType(r.contentType).body(r.body);
        }
        Response response;
        try {
            response = request.request(r.method, url + query);
        } catch (RuntimeException e) {
            sent++;
            failures.add(describe(r, url, mutation) + " -> no answer: " + e);
            return -1;
        }
        sent++;
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String contentType = response.contentType() == null ? "" : response.contentType();
        if (status >= 500) {
            serverErrors++;
            failures.add(describe(r, url, mutation) + " -> " + status + " " + excerpt(response.asString()));
        } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            failures.add(describe(r, url, mutation) + " -> " + status + " (" + contentType + ") "
                    + excerpt(response.asString()));
        }
        return status;
    }

    private static String describe(Request r, String url, String mutation) {
        return r.method + " " + r.template + " [" + mutation + "]" + (url.length() > 120 ? "" : " " + url);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + excerpt(json), e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces each {@code "<RAW>text"} the tree was given by the raw JSON {@code text}. */
    private static String withRaw(String json) {
        String marker = "\"\\u0001raw:";
        int start = json.indexOf(marker);
        if (start < 0) {
            return json;
        }
        int end = start + marker.length();
        StringBuilder raw = new StringBuilder();
        // the raw text was escaped as a JSON string: read it back
        while (json.charAt(end) != '"' || json.charAt(end - 1) == '\\' && !endsWithEscapedBackslash(json, end)) {
            end++;
        }
        try {
            raw.append(JSON.readValue("\"" + json.substring(start + marker.length(), end) + "\"", String.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return json.substring(0, start) + raw + json.substring(end + 1);
    }

    private static boolean endsWithEscapedBackslash(String json, int quote) {
        int backslashes = 0;
        for (int i = quote - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }
}
