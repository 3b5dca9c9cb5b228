package org.bankcrm.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What a service's own sources say about its messaging: the topics its AsyncAPI document sends to and receives
 * from, and the Kafka channels of its application.properties (topic, consumer group, dead-letter topic).
 */
record ServiceFacts(String name, String shortName, Set<String> asyncApiSends, Set<String> asyncApiReceives,
        Set<String> incomingTopics, Set<String> consumerGroups, Set<String> deadLetterTopics,
        Map<String, String> properties) {

    static final Set<String> SERVICES = Set.of("client-service", "interaction-service", "loyalty-service", "offer-service");

    static ServiceFacts of(String service) {
        Path dir = Manifests.rootDir().resolve(service);
        Path asyncApi = dir.resolve("src/main/resources/contracts/asyncapi.yaml");
        Set<String> sends = new TreeSet<>();
        Set<String> receives = new TreeSet<>();
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(asyncApi.toFile());
            JsonNode channels = doc.path("channels");
            doc.path("operations").forEach(operation -> {
                String ref = operation.path("channel").path("$ref").asText();
                String channelId = ref.substring(ref.lastIndexOf('/') + 1);
                String address = channels.path(channelId).path("address").asText();
                if (address.isEmpty()) {
                    throw new AssertionError(asyncApi + ": operation on channel " + ref + " has no address");
                }
                switch (operation.path("action").asText()) {
                    case "send" -> sends.add(address);
                    case "receive" -> receives.add(address);
                    default -> throw new AssertionError(asyncApi + ": unknown action " + operation.path("action"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = properties(dir.resolve("src/main/resources/application.properties"));
        Set<String> topics = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> dlqs = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.")) {
                if (key.endsWith(".dead-letter-queue.topic")) {
                    dlqs.add(value);
                } else if (key.endsWith(".topic")) {
                    topics.add(value);
                } else if (key.endsWith(".group.id")) {
                    groups.add(value);
                }
            }
        });
        return new ServiceFacts(service, service.replace("-service", ""), sends, receives, topics, groups, dlqs,
                properties);
    }

    /** The topics it consumes: its AsyncAPI's receive operations (ManifestsTest checks they are its channels' topics). */
    Set<String> consumes() {
        return asyncApiReceives;
    }

    /** The topics it writes: what its AsyncAPI sends (outbox topic, declared DLQs) and its channels' DLQs. */
    Set<String> writes() {
        Set<String> all = new TreeSet<>(asyncApiSends);
        all.addAll(deadLetterTopics);
        for (String consumed : consumes()) {
            all.add(consumed + ".dlq");
        }
        return all;
    }

    /** The keys and values of a properties file, without profiles ({@code %test.} keys are left out). */
    static Map<String, String> properties(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(loaded.stringPropertyNames())) {
            if (!key.startsWith("%")) {
                values.put(key, loaded.getProperty(key));
            }
        }
        return values;
    }

    /** Every key of a properties file, with the profile prefix removed. */
    static Set<String> keysOfAllProfiles(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>();
        for (String key : loaded.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }
}
