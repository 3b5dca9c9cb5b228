package org.bankcrm.chaos;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.DemoClient;
import org.bankcrm.demo.Payloads;
import org.bankcrm.demo.PopulationGenerator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bank's side of the load, next to the touchpoints: new clients registered ({@code POST /clients}), then, one
 * operation per tick, their products opened, three months of financials recorded (the last month twice, the second time
 * with other figures, so that the read models must keep the later), and a change of consents - at a constant rate,
 * round-robin over client-service's replicas. An operation with no answer or a 5xx is sent again to the next replica for
 * up to 20 s when sending it again is harmless (a registration: 409 with existingId then means it was recorded; financials of a month
 * and consents replace what was there); a product opening is not (a second would be a second product). What was
 * accepted is not reconciled one by one: the reconciliation compares every read model with client-service's database.
 */
final class BankLoad implements AutoCloseable {
    private static final Duration GIVE_UP_AFTER = TouchpointLoad.GIVE_UP_AFTER;

    /** What the bank's load did, per kind of operation: accepted, given up (no answer or 5xx until the end), refused (4xx). */
    record Counts(Map<String, Long> accepted, Map<String, Long> givenUp, Map<String, Long> refused) {
        static Counts none() {
            return new Counts(Map.of(), Map.of(), Map.of());
        }
    }

    private record Operation(String kind, String method, String path, Object body, boolean resend) {
    }

    private final List<String> replicas;
    private final String authorization;
    private final PopulationGenerator generator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chaos-bank-load");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Operation> pending = new ArrayDeque<>();
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> givenUp = new ConcurrentHashMap<>();
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private int clients;
    private final int firstIndex;

    /** {@code firstIndex}: the first client of {@code seed} this load registers (each scenario its own clients). */
    BankLoad(List<String> clientServiceReplicas, String bearerToken, long seed, int firstIndex) {
        this.replicas = List.copyOf(clientServiceReplicas);
        this.authorization = "Bearer " + bearerToken;
        this.generator = new PopulationGenerator(seed, Instant.now());
        this.firstIndex = firstIndex;
    }

    /** One operation every 1/perSecond seconds, each waiting for its answer (a bank system sends in order). */
    void start(double perSecond) {
        ticker.scheduleWithFixedDelay(this::sendOne, 0, Math.round(1_000_000 / perSecond), TimeUnit.MICROSECONDS);
    }

    void stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(GIVE_UP_AFTER.toSeconds() + 10, TimeUnit.SECONDS);
    }

    /** The clients registered so far (each with its operations after it). */
    int clients() {
        return clients;
    }

    Counts counts() {
        return new Counts(Map.copyOf(accepted), Map.copyOf(givenUp), Map.copyOf(refused));
    }

    private void sendOne() {
        try {
            if (pending.isEmpty()) {
                register();
            } else {
                Operation operation = pending.poll();
                send(operation);
            }
        } catch (RuntimeException e) {
            givenUp.merge("error", 1L, Long::sum); // never let the ticker die
        }
    }

    private void register() {
        DemoClient client = generator.client(firstIndex + clients++);
        JsonNode answer = send(new Operation("registration", "POST", "/clients", client.registration(), true));
        // 201: the client; 409 to a registration sent again: recorded the first time, existingId names it
        String id = answer == null ? null : answer.path("id").asText(answer.path("existingId").asText(null));
        if (id == null) {
            return; // not registered (or registered without its answer): nothing to do for it
        }
        String base = "/clients/" + id;
        client.products().forEach(p -> pending.add(new Operation("product", "POST", base + "/products",
                new Payloads.OpenProduct(p.type(), p.openedAt(), p.balance()), false)));
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int back = 3; back >= 1; back--) {
            pending.add(new Operation("financials", "POST", base + "/financials", month(now.minusMonths(back), back), true));
        }
        // the last month again with other figures: every read model must end with these
        pending.add(new Operation("financials", "POST", base + "/financials", month(now.minusMonths(1), 7), true));
        pending.add(new Operation("consents", "PUT", base + "/consents",
                new Payloads.ChangeConsents("BRANCH", Boolean.TRUE, Boolean.FALSE, Boolean.TRUE, Boolean.FALSE, Boolean.TRUE), true));
    }

    private static Payloads.RecordFinancials month(YearMonth month, int variant) {
        return new Payloads.RecordFinancials(month, BigDecimal.valueOf(10 + variant), BigDecimal.valueOf(3 + variant),
                BigDecimal.valueOf(1000L * variant + 250), 10 * variant, BigDecimal.valueOf(500L * variant));
    }

    /** The answer's body when accepted (2xx, or 409 to a registration sent again: the problem with existingId), else null. */
    private JsonNode send(Operation operation) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int first = (int) (next.getAndIncrement() % replicas.size());
        String body;
        try {
            body = CrmApi.JSON.writeValueAsString(operation.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(replicas.get((first + attempt) % replicas.size())
                    + "/api/v1" + operation.path()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status >= 200 && status < 300 || status == 409 && attempt > 0 && operation.kind().equals("registration")) {
                    accepted.merge(operation.kind(), 1L, Long::sum);
                    return CrmApi.JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
                }
                if (status < 500) {
                    refused.merge(operation.kind(), 1L, Long::sum);
                    return null;
                }
            } catch (IOException e) {
                // no answer: the next replica
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                givenUp.merge(operation.kind(), 1L, Long::sum);
                return null;
            }
            if (!operation.resend() || System.nanoTime() > deadline) {
                givenUp.merge(operation.kind(), 1L, Long::sum);
                return null;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                givenUp.merge(operation.kind(), 1L, Long::sum);
                return null;
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
