package org.bankcrm.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;

/**
 * Touchpoints over REST ({@code POST /api/v1/interactions}) at a constant rate, spread over interaction-service's
 * replicas as a load balancer would. A channel that gets no answer, or a 5xx, sends the same touchpoint (same id) again
 * to the next replica for up to {@link #GIVE_UP_AFTER}: interaction-service answers 201 the first time and 200 when the
 * id came before with the same content, so both mean accepted. Optionally a share of the touchpoints goes over the
 * ingest topic instead, accepted once the broker acknowledged it. What was accepted is what the reconciliation looks for.
 */
final class TouchpointLoad implements AutoCloseable {
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(20);
    private static final int WORKERS = 16;
    private static final int QUEUE = 400;

    private final List<String> replicas;
    private final List<String> clientIds;
    private final String authorization;
    private final SplittableRandom random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), daemon("chaos-load"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("chaos-ticker"));

    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong seenBefore = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private final KafkaProducer<String, String> ingest;
    private final long topicEvery;

    /**
     * {@code ingest}, when not null, gets every {@code topicEvery}-th touchpoint on crm.touchpoint.ingest.v1 instead of
     * REST, as core banking would send it: accepted once the broker acknowledged it (acks=all).
     */
    TouchpointLoad(List<String> interactionReplicas, List<String> clientIds, String bearerToken, long seed,
            KafkaProducer<String, String> ingest, long topicEvery) {
        this.replicas = List.copyOf(interactionReplicas);
        this.clientIds = List.copyOf(clientIds);
        this.authorization = "Bearer " + bearerToken;
        this.random = new SplittableRandom(seed);
        this.ingest = ingest;
        this.topicEvery = topicEvery;
    }

    /** What the load did, so far; {@code acknowledged}: accepted over the topic (also in {@code accepted}). */
    record Counts(long sent, long accepted, long created, long seenBefore, long resent, long givenUp, long refused, long notSent,
            long acknowledged) {
    }

    void start(double perSecond) {
        long periodMicros = Math.round(1_000_000 / perSecond);
        ticker.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops sending new touchpoints and waits (up to the give-up time) for those under way. */
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(GIVE_UP_AFTER.toSeconds() + 10, TimeUnit.SECONDS);
    }

    Set<UUID> accepted() {
        return Set.copyOf(accepted);
    }

    Counts counts() {
        return new Counts(sent.get(), accepted.size(), created.get(), seenBefore.get(), resent.get(), givenUp.get(), refused.get(),
                notSent.get(), acknowledged.get());
    }

    private void sendOne() {
        UUID id = UUID.randomUUID();
        String client;
        String body;
        synchronized (this) {
            client = clientIds.get(random.nextInt(clientIds.size()));
            body = body(id, client);
        }
        long n = next.getAndIncrement();
        int first = (int) (n % replicas.size());
        boolean overTopic = ingest != null && n % topicEvery == topicEvery - 1;
        try {
            workers.execute(() -> {
                if (overTopic) {
                    deliverOverTopic(id, client, body);
                } else {
                    deliver(id, body, first);
                }
            });
            sent.incrementAndGet();
        } catch (RejectedExecutionException e) {
            notSent.incrementAndGet(); // the services cannot keep up: counted, never queued without bound
        }
    }

    private void deliver(UUID id, String body, int first) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; ; attempt++) {
            String replica = replicas.get((first + attempt) % replicas.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(replica + "/api/v1/interactions"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 201 || status == 200) {
                    (status == 201 ? created : seenBefore).incrementAndGet();
                    accepted.add(id);
                    return;
                }
                if (status < 500) {
                    refused.incrementAndGet(); // a 4xx is the channel's to fix, not a fault of the CRM's: not resent
                    return;
                }
            } catch (IOException e) {
                // no answer: the replica died or is not up yet; the next one is asked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                givenUp.incrementAndGet();
                return;
            }
            if (System.nanoTime() > deadline) {
                givenUp.incrementAndGet();
                return;
            }
            resent.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                givenUp.incrementAndGet();
                return;
            }
        }
    }

    /**
     * On the topic: sent once (the producer retries by itself until its delivery time-out), accepted once acknowledged;
     * a send that fails for good is given up, as the bank system would report it.
     */
    private void deliverOverTopic(UUID id, String client, String body) {
        try {
            ingest.send(IngestRecords.record(client, "1.0", IngestRecords.SUBMITTED, "/core-banking/transactions", body)).get();
            acknowledged.incrementAndGet();
            accepted.add(id);
        } catch (ExecutionException | KafkaException e) {
            givenUp.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            givenUp.incrementAndGet();
        }
    }

    /** A routine touchpoint of a client: an app transaction, an inquiry, a service request or a complaint. */
    private String body(UUID id, String client) {
        int kind = random.nextInt(10);
        String channel = new String[] { "MOBILE_APP", "BRANCH", "CALL_CENTER", "INTERNET_BANK" }[random.nextInt(4)];
        String fields = switch (kind) {
            case 0, 1, 2, 3 -> "\"type\":\"TRANSACTION\",\"need\":\"PAYMENTS\",\"outcome\":\"RESOLVED\",\"valence\":\"NEUTRAL\"";
            case 4, 5, 6 -> "\"type\":\"INQUIRY\",\"need\":\"CARDS\",\"outcome\":\"RESOLVED\",\"valence\":\"POSITIVE\",\"csat\":"
                    + (4 + random.nextInt(2));
            case 7, 8 -> "\"type\":\"SERVICE_REQUEST\",\"need\":\"ACCOUNT_SERVICE\",\"outcome\":\"PENDING\",\"valence\":\"NEUTRAL\"";
            default -> "\"type\":\"COMPLAINT\",\"need\":\"PAYMENTS\",\"outcome\":\"UNRESOLVED\",\"valence\":\"NEGATIVE\","
                    + "\"cause\":\"BANK\",\"causeDetail\":\"WAITING_TIME\",\"csat\":" + (1 + random.nextInt(2));
        };
        return "{\"id\":\"" + id + "\",\"clientId\":\"" + client + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"channel\":\"" + channel + "\",\"initiator\":\"CLIENT\"," + fields + "}";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }

    /** Daemon threads named {@code name}, for the loads' timers and workers. */
    static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
