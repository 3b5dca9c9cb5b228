package org.bankcrm.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** JSON over HTTP, the way a bank channel calls the CRM's REST APIs. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The bearer token every call carries (RunningCrm sets it once the CRM is up); null sends none. */
    private static volatile String token;

    private Http() {
    }

    static void authorize(String bearerToken) {
        token = bearerToken;
    }

    /** Status, body (parsed when it is JSON, else a missing node) and the raw text. */
    record Reply(int status, JsonNode body, String raw, String contentType) {
        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    static Reply get(String url) {
        return send("GET", url, null);
    }

    static Reply post(String url, Object body) {
        return send("POST", url, body);
    }

    /** A POST with more request headers (e.g. a W3C traceparent). */
    static Reply post(String url, Object body, Map<String, String> headers) {
        return send("POST", url, body, "application/json", headers);
    }

    static Reply put(String url, Object body) {
        return send("PUT", url, body);
    }

    static Reply delete(String url) {
        return send("DELETE", url, null);
    }

    /** A GET of a text resource (e.g. /q/metrics, which answers 406 to a client that accepts only JSON). */
    static Reply getText(String url) {
        return send("GET", url, null, "text/plain");
    }

    static Reply send(String method, String url, Object body) {
        return send(method, url, body, "application/json");
    }

    private static Reply send(String method, String url, Object body, String accept) {
        return send(method, url, body, accept, Map.of());
    }

    private static Reply send(String method, String url, Object body, String accept, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("accept", accept)
                    .header("content-type", "application/json")
                    .method(method, publisher);
            if (token != null) {
                builder.header("authorization", "Bearer " + token);
            }
            headers.forEach(builder::header);
            HttpRequest request = builder.build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            String contentType = response.headers().firstValue("content-type").orElse("");
            JsonNode parsed = MissingNode.getInstance();
            if (raw != null && !raw.isBlank() && contentType.contains("json")) {
                parsed = JSON.readTree(raw);
            }
            return new Reply(response.statusCode(), parsed, raw, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
