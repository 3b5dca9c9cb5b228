package org.bankcrm.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The polls a busy batch consumer gets are merged into its next batch, in the order they came, each acknowledged after
 * its batch was applied; the connector's next poll is held back while a full batch waits.
 */
class MergedBatchesTest {
    private static final String TOPIC = "crm.touchpoint.ingest.v1";

    /** The batches applied (their records' values) and each one's completion, which the test gives. */
    private final List<List<String>> applied = new ArrayList<>();
    private final List<Integer> polls = new ArrayList<>();
    private final List<CompletableFuture<Void>> done = new ArrayList<>();
    /** The polls acknowledged or nacked, by their first record's value, in that order. */
    private final List<String> settled = new ArrayList<>();

    private final MergedBatches batches = new MergedBatches("test", 4, (records, merged) -> {
        applied.add(records.stream().map(ConsumerRecord::value).toList());
        polls.add(merged);
        CompletableFuture<Void> completion = new CompletableFuture<>();
        done.add(completion);
        return Uni.createFrom().completionStage(completion);
    });

    @Test
    void anIdleConsumerAppliesAPollAtOnceAndAcknowledgesItAfterwards() {
        assertThat(accepted(poll(0, "a1", "a2"))).isTrue();

        assertThat(applied).containsExactly(List.of("a1", "a2"));
        assertThat(settled).isEmpty();
        done.get(0).complete(null);
        assertThat(settled).containsExactly("ack a1");
    }

    @Test
    void thePollsThatComeWhileABatchIsAppliedAreTheNextBatchInTheirOrder() {
        accepted(poll(0, "a1"));
        // the connector delivers three more polls (two partitions) while the first batch is applied
        assertThat(accepted(poll(0, "a2"))).isTrue();
        assertThat(accepted(poll(1, "b1", "b2"))).isTrue();
        assertThat(accepted(poll(0, "a3"))).isFalse(); // four records wait: the connector's next poll waits too
        assertThat(applied).hasSize(1);

        done.get(0).complete(null);
        assertThat(applied).containsExactly(List.of("a1"), List.of("a2", "b1", "b2", "a3"));
        assertThat(polls).containsExactly(1, 3);
        assertThat(settled).containsExactly("ack a1");
        done.get(1).complete(null);
        assertThat(settled).containsExactly("ack a1", "ack a2", "ack b1", "ack a3");
        assertThat(batches.waitingRecords()).isZero();
    }

    @Test
    void aBatchTakesNoMoreThanItsMostRecordsAndTheRestMakeTheOneAfter() {
        accepted(poll(0, "a1"));
        accepted(poll(0, "a2", "a3", "a4"));
        accepted(poll(0, "a5", "a6"));
        done.get(0).complete(null);
        // a2-a4 and a5-a6 are five records: the second poll waits for the batch after
        assertThat(applied).containsExactly(List.of("a1"), List.of("a2", "a3", "a4"));
        done.get(1).complete(null);
        assertThat(applied).containsExactly(List.of("a1"), List.of("a2", "a3", "a4"), List.of("a5", "a6"));
        done.get(2).complete(null);
        assertThat(settled).containsExactly("ack a1", "ack a2", "ack a5");
    }

    @Test
    void aPollOfMoreThanTheMostIsOneBatchNotSplit() {
        accepted(poll(0, "a1", "a2", "a3", "a4", "a5", "a6"));
        assertThat(applied).containsExactly(List.of("a1", "a2", "a3", "a4", "a5", "a6"));
    }

    @Test
    void theConnectorsHeldPollIsReleasedWhenABatchTakesWhatWaits() {
        accepted(poll(0, "a1"));
        AtomicBoolean released = new AtomicBoolean();
        batches.offer(poll(0, "a2", "a3", "a4", "a5")).subscribe().with(nothing -> released.set(true));
        assertThat(released).isFalse();
        done.get(0).complete(null);
        assertThat(released).isTrue();
    }

    @Test
    void aBatchThatFailsOutsideTheInboxNacksItsPollsAndTheNextOneGoesOn() {
        accepted(poll(0, "a1"));
        accepted(poll(0, "a2"));
        done.get(0).completeExceptionally(new IllegalStateException("a bug"));
        assertThat(settled).containsExactly("nack a1");
        assertThat(applied).containsExactly(List.of("a1"), List.of("a2"));
        done.get(1).complete(null);
        assertThat(settled).containsExactly("nack a1", "ack a2");
    }

    /** Offers the poll; true when the connector may deliver its next one at once. */
    private boolean accepted(Message<ConsumerRecords<String, String>> poll) {
        AtomicBoolean accepted = new AtomicBoolean();
        batches.offer(poll).subscribe().with(nothing -> accepted.set(true));
        return accepted.get();
    }

    private long offset;

    private Message<ConsumerRecords<String, String>> poll(int partition, String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (String value : values) {
            records.add(new ConsumerRecord<>(TOPIC, partition, offset++, "key", value));
        }
        ConsumerRecords<String, String> payload = new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, partition), records), Map.of());
        return Message.of(payload, () -> {
            settled.add("ack " + values[0]);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            settled.add("nack " + values[0]);
            return CompletableFuture.completedFuture(null);
        });
    }
}
