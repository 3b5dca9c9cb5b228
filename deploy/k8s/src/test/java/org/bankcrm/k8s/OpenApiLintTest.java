package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four services' OpenAPI documents as the build writes them ({@code target/openapi/openapi.json},
 * quarkus.smallrye-openapi.store-schema-directory), held to the rules a channel team needs to generate a client from
 * them (those of Redocly's "recommended" set that matter for that): servers and a licence; every operation with a
 * unique operationId, a summary, declared and described tags, a success answer and its error answers, each error's
 * body the RFC 9457 Problem schema. Run by {@code ./mvnw verify} after the services are packaged.
 */
class OpenApiLintTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @ParameterizedTest
    @ValueSource(strings = { "client-service", "interaction-service", "loyalty-service", "offer-service" })
    void theDocumentIsOneAClientCanBeGeneratedFrom(String service) throws IOException {
        Path file = Manifests.rootDir().resolve(service).resolve("target/openapi/openapi.json");
        assertThat(file).as("%s's OpenAPI document: package the service first (./mvnw verify builds it)", service).exists();
        JsonNode doc = JSON.readTree(file.toFile());
        List<String> problems = lint(doc);
        assertThat(problems).as(service + ": " + problems.size() + " problems").isEmpty();
    }

    static List<String> lint(JsonNode doc) {
        List<String> problems = new ArrayList<>();
        if (doc.path("servers").isEmpty()) {
            problems.add("no servers");
        }
        if (doc.path("info").path("license").path("name").asText().isBlank()) {
            problems.add("no info.license");
        }
        Set<String> described = new HashSet<>();
        for (JsonNode tag : doc.path("tags")) {
            if (tag.path("description").asText().isBlank()) {
                problems.add("tag '" + tag.path("name").asText() + "' has no description");
            }
            described.add(tag.path("name").asText());
        }
        if (!doc.path("components").path("schemas").has("Problem")) {
            problems.add("no Problem schema in components");
        }
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                String id = operation.path("operationId").asText();
                if (id.isBlank()) {
                    problems.add(where + ": no operationId");
                } else if (!operationIds.add(id)) {
                    problems.add(where + ": operationId " + id + " is not unique");
                }
                if (operation.path("summary").asText().isBlank()) {
                    problems.add(where + ": no summary");
                }
                if (operation.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                for (JsonNode tag : operation.path("tags")) {
                    if (!described.contains(tag.asText())) {
                        problems.add(where + ": tag '" + tag.asText() + "' is not declared with a description");
                    }
                }
                boolean success = false;
                boolean clientError = false;
                for (Iterator<Map.Entry<String, JsonNode>> answers = operation.path("responses").fields(); answers.hasNext();) {
                    Map.Entry<String, JsonNode> answer = answers.next();
                    String status = answer.getKey();
                    success |= status.startsWith("2") || status.startsWith("3");
                    if (status.startsWith("4") || status.startsWith("5")) {
                        clientError |= status.startsWith("4");
                        JsonNode content = answer.getValue().path("content");
                        if (content.size() != 1 || !content.has("application/problem+json")
                                || !content.path("application/problem+json").path("schema").path("$ref").asText()
                                        .equals("#/components/schemas/Problem")) {
                            problems.add(where + ": " + status + " does not describe its problem+json body");
                        }
                    }
                }
                if (!success) {
                    problems.add(where + ": no success answer");
                }
                if (!clientError) {
                    problems.add(where + ": no 4xx answer");
                }
            }
        }
        return problems;
    }

    @org.junit.jupiter.api.Test
    void theLintFindsWhatIsMissing() throws IOException {
        JsonNode bare = JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},"tags":[{"name":"A"}],
                 "paths":{"/api/v1/x":{"get":{"tags":["B"],"responses":{"200":{"description":"ok"},
                   "404":{"description":"none","content":{"application/json":{}}}}}}}}
                """);
        assertThat(lint(bare)).containsExactlyInAnyOrder("no servers", "no info.license", "tag 'A' has no description",
                "no Problem schema in components", "GET /api/v1/x: no operationId", "GET /api/v1/x: no summary",
                "GET /api/v1/x: tag 'B' is not declared with a description",
                "GET /api/v1/x: 404 does not describe its problem+json body");
    }
}
