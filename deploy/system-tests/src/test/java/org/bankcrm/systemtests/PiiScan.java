package org.bankcrm.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Looks for the personal data the bank gave the CRM (names, e-mails, phones, birth dates, external references,
 * free-text notes, employee ids) in log files and in Kafka records (key, value and every header), case-insensitively.
 * A phone is looked for as given and as its digits alone.
 */
final class PiiScan {
    /** A piece of personal data to look for. */
    record Needle(String clientId, String what, String value, String lowerCase) {
    }

    /** Where one was found: the file and line, or the record and its field; the text around it, with the value masked. */
    record Hit(String where, String what, String clientId, String context) {
        @Override
        public String toString() {
            return what + " of client " + clientId + " in " + where + ": " + context;
        }
    }

    private PiiScan() {
    }

    static boolean contains(String haystack, String value) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
    }

    static List<Needle> needles(List<Bank.PersonalData> given) {
        Map<String, Needle> byValue = new LinkedHashMap<>();
        for (Bank.PersonalData data : given) {
            byValue.putIfAbsent(data.value().toLowerCase(Locale.ROOT), new Needle(data.clientId(), data.what(),
                    data.value(), data.value().toLowerCase(Locale.ROOT)));
            if (data.what().equals("phone")) {
                String digits = data.value().replaceAll("[^0-9]", "");
                byValue.putIfAbsent(digits, new Needle(data.clientId(), "phone (digits)", digits, digits));
            }
        }
        return List.copyOf(byValue.values());
    }

    /** Every hit in one text; {@code where} names it. */
    static List<Hit> in(String text, String where, List<Needle> needles) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        for (Needle needle : needles) {
            int at = lower.indexOf(needle.lowerCase());
            if (at >= 0) {
                int from = Math.max(0, at - 80);
                int to = Math.min(text.length(), at + needle.value().length() + 80);
                String context = (text.substring(from, at) + "<" + needle.what() + ">"
                        + text.substring(at + needle.value().length(), to)).replaceAll("\\R", " ");
                hits.add(new Hit(where, needle.what(), needle.clientId(), context));
            }
        }
        return hits;
    }

    /** A log file, line by line (as UTF-8, unreadable bytes replaced); {@code lines[0]} gets how many were read. */
    static List<Hit> inLog(Path log, String component, List<Needle> needles, long[] lines) {
        List<Hit> hits = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                hits.addAll(in(line, component + ".log:" + number, needles));
            }
            lines[0] = number;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return hits;
    }

    /** One record as it is on its topic. */
    record Record(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
        String name() {
            return topic + "-" + partition + "@" + offset + (headers.containsKey("ce_type") ? " " + headers.get("ce_type") : "");
        }

        List<Hit> hits(List<Needle> needles) {
            List<Hit> hits = new ArrayList<>(in(key, name() + " key", needles));
            hits.addAll(in(value, name() + " value", needles));
            headers.forEach((header, text) -> hits.addAll(in(text, name() + " header " + header, needles)));
            return hits;
        }
    }

    /**
     * Every record of every topic whose name starts with {@code crm.} (the CRM's topics and dead-letter topics), from
     * the beginning to the end offsets at the time of the call, read by a plain consumer without a group.
     */
    static List<Record> allRecords(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-pii-scan");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (topic.getKey().startsWith("crm.")) {
                    topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics could not be read to their end within 120 s: " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.merge(header.key(), header.value() == null ? "" : new String(header.value(),
                                StandardCharsets.UTF_8), (a, b) -> a + " | " + b);
                    }
                    records.add(new Record(record.topic(), record.partition(), record.offset(), record.key(),
                            record.value(), headers));
                }
            }
        }
        return records;
    }
}
