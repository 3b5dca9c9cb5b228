package org.bankcrm.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bankcrm.demo.CrmApi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The decision point under load, as a channel uses it: {@code POST /api/v1/decisions} at a constant rate for the bank's
 * clients, round-robin over offer-service's replicas, each attempt's latency into {@link DecisionLatency}; and every
 * {@code answerEvery}-th decision with actions answered ({@code POST /api/v1/decisions/{id}/responses}, the top action,
 * the outcomes in turn). A decision request without an answer or with a 5xx is asked again of the next replica (a new
 * decision: asking again changes nothing a client holds) for up to {@link TouchpointLoad#GIVE_UP_AFTER}; an answer is
 * sent again, the same answer to the same decision and offer, which offer-service records once (201 the first time,
 * 200 after), so both count as accepted. What was accepted is what the reconciliation looks for: each decision stored
 * and announced once, each answer recorded once, announced once, taught to the model once and on the client's timeline once.
 */
final class DecisionLoad implements AutoCloseable {
    private static final int WORKERS = 8;
    private static final int QUEUE = 200;
    private static final String[] OUTCOMES = { "ACCEPTED", "DECLINED", "IGNORED", "INTERESTED" };
    private static final String[] CHANNELS = { "MOBILE_APP", "INTERNET_BANK", "BRANCH", "CALL_CENTER" };

    /** A decision the channel got (201): its id, client and the offers of its actions in rank order. */
    record Decision(UUID decisionId, UUID clientId, List<UUID> offers) {
    }

    /** An answer offer-service accepted (201, or 200 for the same answer again). */
    record Answer(UUID decisionId, UUID offerId, String outcome) {
    }

    /** What the load did so far. */
    record Counts(long asked, long decided, long withActions, long decisionResends, long decisionsGivenUp, long answersSent,
            long answered, long answerResends, long answersGivenUp, long refused, long notSent) {
        static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final List<String> replicas;
    private final List<String> clientIds;
    private final String authorization;
    private final long answerEvery;
    private final DecisionLatency latency;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), TouchpointLoad.daemon("chaos-decisions"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(TouchpointLoad.daemon("chaos-decision-ticker"));

    private final Map<UUID, Decision> decisions = new ConcurrentHashMap<>();
    private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong withActions = new AtomicLong();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong decisionResends = new AtomicLong();
    private final AtomicLong decisionsGivenUp = new AtomicLong();
    private final AtomicLong answersSent = new AtomicLong();
    private final AtomicLong answerResends = new AtomicLong();
    private final AtomicLong answersGivenUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();

    /** {@code answerEvery}: every how many decisions with actions one is answered (1: each; 0: none). */
    DecisionLoad(List<String> offerReplicas, List<String> clientIds, String bearerToken, long answerEvery, DecisionLatency latency) {
        this.replicas = List.copyOf(offerReplicas);
        this.clientIds = List.copyOf(clientIds);
        this.authorization = "Bearer " + bearerToken;
        this.answerEvery = answerEvery;
        this.latency = latency;
    }

    void start(double perSecond) {
        ticker.scheduleAtFixedRate(this::askOne, 0, Math.round(1_000_000 / perSecond), TimeUnit.MICROSECONDS);
    }

    /** Stops asking and waits (up to the give-up time and one answer's) for what is under way. */
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(2 * TouchpointLoad.GIVE_UP_AFTER.toSeconds() + 10, TimeUnit.SECONDS);
    }

    Map<UUID, Decision> decisions() {
        return Map.copyOf(decisions);
    }

    Map<UUID, Answer> answers() {
        return Map.copyOf(answers);
    }

    Counts counts() {
        return new Counts(asked.get(), decisions.size(), withActions.get(), decisionResends.get(), decisionsGivenUp.get(),
                answersSent.get(), answers.size(), answerResends.get(), answersGivenUp.get(), refused.get(), notSent.get());
    }

    private void askOne() {
        long n = next.getAndIncrement();
        String client = clientIds.get((int) (n % clientIds.size()));
        String channel = CHANNELS[(int) ((n / clientIds.size()) % CHANNELS.length)];
        try {
            workers.execute(() -> decide(n, client, channel));
            asked.incrementAndGet();
        } catch (RejectedExecutionException e) {
            notSent.incrementAndGet();
        }
    }

    private void decide(long n, String client, String channel) {
        String body = "{\"clientId\":\"" + client + "\",\"channel\":\"" + channel + "\",\"limit\":3}";
        JsonNode answer = send("/api/v1/decisions", body, (int) (n % replicas.size()), true, decisionResends);
        if (answer == null) {
            decisionsGivenUp.incrementAndGet();
            return;
        }
        UUID decisionId = UUID.fromString(answer.path("decisionId").asText());
        List<UUID> offers = new java.util.ArrayList<>();
        answer.path("actions").forEach(a -> offers.add(UUID.fromString(a.path("offerId").asText())));
        decisions.put(decisionId, new Decision(decisionId, UUID.fromString(client), List.copyOf(offers)));
        if (offers.isEmpty()) {
            return;
        }
        long k = withActions.getAndIncrement();
        if (answerEvery == 0 || k % answerEvery != 0) {
            return;
        }
        String outcome = OUTCOMES[(int) ((k / answerEvery) % OUTCOMES.length)];
        answersSent.incrementAndGet();
        JsonNode responded = send("/api/v1/decisions/" + decisionId + "/responses",
                "{\"offerId\":\"" + offers.get(0) + "\",\"outcome\":\"" + outcome + "\"}", (int) ((n + 1) % replicas.size()), false,
                answerResends);
        if (responded == null) {
            answersGivenUp.incrementAndGet();
            return;
        }
        answers.put(decisionId, new Answer(decisionId, offers.get(0), outcome));
    }

    /**
     * The answer's body on a 2xx; null when refused (4xx) or given up after {@link TouchpointLoad#GIVE_UP_AFTER} of
     * sending again to the next replica. {@code timed}: each attempt's latency goes into {@link DecisionLatency}.
     */
    private JsonNode send(String path, String body, int first, boolean timed, AtomicLong resends) {
        long deadline = System.nanoTime() + TouchpointLoad.GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(replicas.get((first + attempt) % replicas.size()) + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long began = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                long ended = System.nanoTime();
                int status = answer.statusCode();
                if (status == 200 || status == 201) {
                    if (timed) {
                        latency.answered(ended, (ended - began) / 1e6);
                    }
                    return CrmApi.JSON.readTree(answer.body());
                }
                if (status < 500) {
                    refused.incrementAndGet(); // a 4xx (a 409: another answer recorded before) is counted, not resent
                    return null;
                }
                if (timed) {
                    latency.failed(ended, (ended - began) / 1e6);
                }
            } catch (IOException e) {
                if (timed) {
                    long ended = System.nanoTime();
                    latency.failed(ended, (ended - began) / 1e6);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            resends.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }
}
