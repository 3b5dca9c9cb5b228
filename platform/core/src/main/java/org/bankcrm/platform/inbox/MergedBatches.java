package org.bankcrm.platform.inbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One batch consumer's polls, merged while it is busy: every poll the connector delivers while a batch is being applied
 * waits here, and the next batch takes all that waits (up to {@code maxRecords} records) in one transaction.
 *
 * <p>Why: SmallRye's Kafka connector polls again at once after every poll and queues each poll's records as one batch, so
 * under a steady trickle (50 touchpoints/s) a busy consumer found a queue of polls of one or two records each and applied
 * them one transaction each: batches of 1.05 events while the touchpoints waited seconds (docs/performance.md,
 * 2026-12-07). Here the wait makes the batch: the longer a batch takes, the more the next one holds.
 *
 * <p>What holds: the records of one partition keep their order (polls are merged in the order they came, each poll's
 * records in theirs); each poll is acknowledged, in order, only after the batch holding it was applied, so the offsets
 * committed never pass an event not applied; the connector gets its next poll only while fewer than {@code maxRecords}
 * records wait, so the queue here is bounded and the connector's own back-pressure (pausing the partitions) still acts.
 * A batch whose application fails (the Inbox does not let it, short of a bug) gets its polls nacked, which is what the
 * connector saw before: its failure strategy (the dead-letter queue kept as a backstop) takes them.
 */
final class MergedBatches {
    private static final Logger LOG = Logger.getLogger(MergedBatches.class);

    /** What the merged polls are applied with: the Inbox's batch path, given the records in the order they came. */
    interface Application {
        Uni<Void> apply(List<ConsumerRecord<String, String>> records, int polls);
    }

    private final String consumer;
    private final int maxRecords;
    private final Application application;
    private final Deque<Message<ConsumerRecords<String, String>>> waiting = new ArrayDeque<>();
    /** The connector's deliveries held back while {@link #maxRecords} records wait. */
    private final Deque<UniEmitter<? super Void>> heldBack = new ArrayDeque<>();
    private int waitingRecords;
    private boolean applying;

    MergedBatches(String consumer, int maxRecords, Application application) {
        this.consumer = consumer;
        this.maxRecords = Math.max(1, maxRecords);
        this.application = application;
    }

    /**
     * Takes a poll's records: applied at once when the consumer is idle, else with the next batch. Completes when the
     * connector may deliver the next poll: at once while fewer than {@code maxRecords} records wait, else when a batch
     * takes them.
     */
    Uni<Void> offer(Message<ConsumerRecords<String, String>> poll) {
        return Uni.createFrom().emitter(accepted -> {
            boolean start;
            boolean full;
            synchronized (this) {
                waiting.add(poll);
                waitingRecords += poll.getPayload().count();
                start = !applying;
                applying = true;
                full = waitingRecords >= maxRecords && !start;
                if (full) {
                    heldBack.add(accepted);
                }
            }
            if (start) {
                next();
            }
            if (!full) {
                accepted.complete(null);
            }
        });
    }

    /** Applies what waits, then what came meanwhile, until nothing waits. */
    private void next() {
        List<Message<ConsumerRecords<String, String>>> taken = new ArrayList<>();
        List<UniEmitter<? super Void>> released = new ArrayList<>();
        synchronized (this) {
            int records = 0;
            while (!waiting.isEmpty()
                    && (taken.isEmpty() || records + waiting.peek().getPayload().count() <= maxRecords)) {
                Message<ConsumerRecords<String, String>> poll = waiting.poll();
                records += poll.getPayload().count();
                taken.add(poll);
            }
            waitingRecords -= records;
            if (taken.isEmpty()) {
                applying = false;
                return;
            }
            if (waitingRecords < maxRecords) {
                released.addAll(heldBack);
                heldBack.clear();
            }
        }
        released.forEach(emitter -> emitter.complete(null));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (Message<ConsumerRecords<String, String>> poll : taken) {
            poll.getPayload().forEach(records::add);
        }
        Uni.createFrom().deferred(() -> application.apply(records, taken.size())).subscribe().with(
                applied -> {
                    taken.forEach(Message::ack);
                    next();
                },
                failure -> {
                    LOG.errorf(failure, "%s: a batch of %d records failed outside the Inbox's handling; nacked", consumer,
                            records.size());
                    taken.forEach(poll -> poll.nack(failure));
                    next();
                });
    }

    /** How many records wait for the next batch (the gauge {@code crm.inbox.batch.waiting}). */
    synchronized int waitingRecords() {
        return waitingRecords;
    }
}
