package org.bankcrm.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The four services' public REST APIs over java.net.http. URIs are built as text ({@link URI#create}), so
 * {@code /clients:batch} keeps its colon (an encoder that writes {@code %3A} gets a 404). Connection failures
 * and 5xx answers are tried again a few times; every other answer is returned as it came.
 */
public final class CrmApi {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public record Answer(int status, JsonNode body, String text) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Thrown when a call could not be made or answered with an unexpected status; says which and why. */
    public static final class CallFailed extends RuntimeException {
        public CallFailed(String message) {
            super(message);
        }
    }

    /** The bearer token every call carries (the services need one); set once by whoever starts the demo. */
    private static volatile String token;

    /**
     * Sets the bearer token every call carries: a JWT with the roles the demo acts in (channel, integration, marketing,
     * analyst), e.g. from {@code deploy/local/crm token channel integration marketing analyst} or the launcher.
     */
    public static void authorize(String bearerToken) {
        token = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.trim();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String clientService;
    private final String interactionService;
    private final String loyaltyService;
    private final String offerService;

    /**
     * The CRM as {@code crm up} runs it: the four services on ports 8081-8084 of {@code host}, or from {@code CRM_HTTP_PORT}
     * on when the launcher was told to move them.
     */
    public CrmApi(String host) {
        this(host, firstServicePort(System.getenv("CRM_HTTP_PORT")));
    }

    private CrmApi(String host, int first) {
        this("http://" + host + ":" + first, "http://" + host + ":" + (first + 1), "http://" + host + ":" + (first + 2),
                "http://" + host + ":" + (first + 3));
    }

    static int firstServicePort(String value) {
        if (value == null || value.isBlank()) {
            return 8081;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CRM_HTTP_PORT must be a port number, not '" + value + "'");
        }
    }

    /** The CRM anywhere else (e.g. a stack on free ports): each service's base URL, {@code http://host:port}. */
    public CrmApi(String clientService, String interactionService, String loyaltyService, String offerService) {
        this.clientService = clientService;
        this.interactionService = interactionService;
        this.loyaltyService = loyaltyService;
        this.offerService = offerService;
    }

    public String clients() {
        return clientService + "/api/v1";
    }

    public String interactions() {
        return interactionService + "/api/v1";
    }

    public String loyalty() {
        return loyaltyService + "/api/v1";
    }

    public String offers() {
        return offerService + "/api/v1";
    }

    public Answer get(String url) {
        return call("GET", url, null);
    }

    public Answer post(String url, Object body) {
        return call("POST", url, body);
    }

    public Answer put(String url, Object body) {
        return call("PUT", url, body);
    }

    /** A call whose answer must be one of {@code expected}; anything else is a {@link CallFailed} naming it. */
    public Answer expect(String method, String url, Object body, int... expected) {
        Answer answer = call(method, url, body);
        for (int status : expected) {
            if (answer.status() == status) {
                return answer;
            }
        }
        throw new CallFailed(method + " " + url + " answered " + answer.status() + ": " + abbreviate(answer.text())
                + tokenAdvice(answer.status()));
    }

    /** The most rows one bulk request of client-service takes ({@code /financials/batch}, {@code /products/batch}). */
    static final int BULK_ROWS = 1_000;

    /**
     * Records the months with {@code POST /financials/batch}, in requests of at most {@value #BULK_ROWS} rows that split
     * only between clients (a client's months in one request are one change of its value), each client's in order.
     */
    public void recordMonths(List<Payloads.ClientMonth> months) {
        inBulk(months, Payloads.ClientMonth::clientId, rows -> expect("POST", clients() + "/financials/batch",
                Map.of("months", rows), 201));
    }

    /** Opens the products with {@code POST /products/batch}, in requests as {@link #recordMonths} makes them. */
    public void openProducts(List<Payloads.ProductOpening> products) {
        inBulk(products, Payloads.ProductOpening::clientId, rows -> expect("POST", clients() + "/products/batch",
                Map.of("changes", rows), 201));
    }

    private static <T> void inBulk(List<T> rows, Function<T, UUID> client, Consumer<List<T>> send) {
        requests(rows, client, BULK_ROWS).forEach(send);
    }

    /**
     * {@code rows} in requests of at most {@code max}, in order, each client's rows in one request unless they are more
     * than {@code max} on their own (rows of one client must come one after the other).
     */
    static <T> List<List<T>> requests(List<T> rows, Function<T, UUID> client, int max) {
        List<List<T>> requests = new ArrayList<>();
        List<T> request = new ArrayList<>();
        int from = 0;
        while (from < rows.size()) {
            int to = from + 1;
            while (to < rows.size() && client.apply(rows.get(to)).equals(client.apply(rows.get(from)))) {
                to++;
            }
            if (!request.isEmpty() && request.size() + (to - from) > max) {
                requests.add(request);
                request = new ArrayList<>();
            }
            for (T row : rows.subList(from, to)) {
                request.add(row);
                if (request.size() == max) {
                    requests.add(request);
                    request = new ArrayList<>();
                }
            }
            from = to;
        }
        if (!request.isEmpty()) {
            requests.add(request);
        }
        return requests;
    }

    /** What to do about a 401 or 403: the token is missing, expired or lacks a role. */
    static String tokenAdvice(int status) {
        if (status == 401) {
            return token == null ? " (no bearer token: set CRM_TOKEN, e.g. $(deploy/local/crm token channel integration marketing analyst))"
                    : " (the bearer token is expired or not signed by the key the services trust)";
        }
        return status == 403 ? " (the bearer token lacks the role this call needs)" : "";
    }

    /**
     * Like {@link #expect} but a 404 is tried again until {@code wait} has passed: the services learn of a client
     * from events, a moment after client-service registered it.
     */
    public Answer expectOnceKnown(String method, String url, Object body, Duration wait, int... expected) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 50;
        while (true) {
            Answer answer = call(method, url, body);
            if (answer.status() != 404 || System.nanoTime() > deadline) {
                for (int status : expected) {
                    if (answer.status() == status) {
                        return answer;
                    }
                }
                throw new CallFailed(method + " " + url + " answered " + answer.status() + ": " + abbreviate(answer.text())
                        + tokenAdvice(answer.status()));
            }
            sleep(pause);
            pause = Math.min(1_000, pause * 2);
        }
    }

    /** HTTP requests sent by every CrmApi of this process (progress reports). */
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    public long requests() {
        return REQUESTS.get();
    }

    public Answer call(String method, String url, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("accept", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        IOException last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                REQUESTS.incrementAndGet();
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500 && attempt < 5) {
                    sleep(200L << attempt);
                    continue;
                }
                return new Answer(response.statusCode(), read(response.body()), response.body());
            } catch (IOException e) {
                last = e;
                sleep(200L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallFailed(method + " " + url + " interrupted");
            }
        }
        throw new CallFailed(method + " " + url + " failed: "
                + (last instanceof ConnectException ? "connection refused (is the CRM running? deploy/local/crm status)" : last));
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        }
    }
}
