package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates every custom resource of the operators the CRM runs on (Strimzi, CloudNativePG, its Barman Cloud plugin,
 * the Prometheus Operator)
 * — in the base and in each rendered overlay — against the openAPIV3Schema of the CRD the pinned operator release
 * publishes, vendored under {@code deploy/k8s/crds/<project>-<version>/}. As the API server does with strict field
 * validation ({@code kubectl apply --validate=strict}, the default of server-side apply): a field the schema does
 * not know is an error, not silently pruned. What the schema cannot say is not checked here: the CEL rules
 * ({@code x-kubernetes-validations}) and the operators' own admission logic.
 */
class CustomResourceSchemaTest {
    /** The API groups whose resources must be validated; a resource of one of them without a vendored CRD fails. */
    static final Set<String> GROUPS = Set.of("kafka.strimzi.io", "postgresql.cnpg.io", "barmancloud.cnpg.io", "monitoring.coreos.com");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    /** group/version/kind -> the strict schema of that served version, and the CRD file it came from. */
    static final Map<String, Crd> CRDS = new TreeMap<>();

    record Crd(Path file, String project, Schema schema) {
    }

    @BeforeAll
    static void loadCrds() throws IOException {
        Path dir = Manifests.k8sDir().resolve("crds");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String project = dir.relativize(file).getName(0).toString();
            for (JsonNode crd : documents(file)) {
                assertThat(crd.path("kind").asText()).as(file.toString()).isEqualTo("CustomResourceDefinition");
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    String key = group + "/" + version.path("name").asText() + "/" + kind;
                    assertThat(CRDS.put(key, new Crd(file, project, REGISTRY.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON))))
                            .as("two vendored CRDs serve " + key).isNull();
                }
            }
        }
    }

    // ---------------------------------------------------------------- the manifests

    @TestFactory
    Stream<DynamicTest> everyOperatorResourceIsValidAgainstThePinnedOperatorsCrd() {
        Map<String, List<Path>> sets = new LinkedHashMap<>();
        sets.put("base", Manifests.baseFiles());
        for (String overlay : Manifests.overlays()) {
            sets.put(overlay, List.of(Manifests.rendered(overlay)));
        }
        return sets.entrySet().stream().map(set -> DynamicTest.dynamicTest(set.getKey(), () -> {
            validateAll(set.getKey(), set.getValue());
        }));
    }

    @Test
    void theRunbooksManifestsAreValidToo() throws IOException {
        // e.g. the point-in-time recovery Cluster of deploy/README.md, "Restore a database"
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Manifests.k8sDir().resolve("runbook"))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (Path file : files) {
            for (JsonNode resource : documents(file)) {
                problems.addAll(validate("runbook/" + file.getFileName() + ": " + resource.path("kind").asText(), resource));
                validated++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(validated).isPositive();
    }

    /** Validates the operators' resources of one set (the base's files, or an overlay's rendering). */
    private static void validateAll(String set, List<Path> files) throws IOException {
        Map<String, Integer> validated = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode resource : documents(file)) {
                String apiVersion = resource.path("apiVersion").asText();
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                if (!GROUPS.contains(group)) {
                    continue;
                }
                String kind = resource.path("kind").asText();
                String what = set + ": " + kind + " " + resource.path("metadata").path("name").asText();
                problems.addAll(validate(what, resource));
                validated.merge(apiVersion + " " + kind, 1, Integer::sum);
            }
        }
        assertThat(problems).as(set).isEmpty();
        // the check ran on what the CRM deploys: 4 databases (Cluster, ObjectStore, ScheduledBackup, PodMonitor
        // each), 10 topics, 4 users, a ServiceMonitor per service and the console, the exporter's PodMonitor, the alerts, and in an overlay the
        // Kafka cluster and its node pools
        assertThat(validated).as(set + ": resources validated").containsEntry("postgresql.cnpg.io/v1 Cluster", 4)
                .containsEntry("postgresql.cnpg.io/v1 ScheduledBackup", 4).containsEntry("barmancloud.cnpg.io/v1 ObjectStore", 4)
                .containsEntry("kafka.strimzi.io/v1 KafkaTopic", 10).containsEntry("kafka.strimzi.io/v1 KafkaUser", 4)
                .containsEntry("monitoring.coreos.com/v1 ServiceMonitor", 5).containsEntry("monitoring.coreos.com/v1 PodMonitor", 5)
                .containsEntry("monitoring.coreos.com/v1 PrometheusRule", 1);
        if (!set.equals("base")) {
            assertThat(validated).containsEntry("kafka.strimzi.io/v1 Kafka", 1).containsKey("kafka.strimzi.io/v1 KafkaNodePool");
        }
    }

    // ---------------------------------------------------------------- the check itself can fail

    @Test
    void theRemovedV1beta2ApiAndItsFieldsAreRejected() throws IOException {
        // Strimzi 1.0 removed v1beta2 from the CRDs: no vendored CRD serves it
        JsonNode user = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: u, labels: {strimzi.io/cluster: crm-kafka}}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operations: [Read]
                """);
        assertThat(validate("KafkaUser u", user)).singleElement().asString().contains("no vendored CRD serves kafka.strimzi.io/v1beta2");
        // v1 dropped the singular ACL "operation" (v1beta2's deprecated form of "operations")
        ((ObjectNode) user).put("apiVersion", "kafka.strimzi.io/v1");
        assertThat(validate("KafkaUser u", user)).isEmpty();
        ObjectNode acl = (ObjectNode) user.path("spec").path("authorization").path("acls").get(0);
        acl.remove("operations");
        acl.put("operation", "Read");
        assertThat(validate("KafkaUser u", user)).as("unknown field operation, and operations missing")
                .anySatisfy(e -> assertThat(e).contains("operation"));
    }

    @Test
    void unknownFieldsWrongTypesAndEnumsAreRejected() throws IOException {
        JsonNode cluster = YAML.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: c}
                spec:
                  instances: 1
                  storage: {size: 1Gi}
                  plugins:
                    - name: barman-cloud.cloudnative-pg.io
                      isWALArchiver: true
                      parameters: {barmanObjectName: s}
                """);
        assertThat(validate("Cluster c", cluster)).isEmpty();
        // the in-tree barmanObjectStore is still in CloudNativePG 1.30's schema (deprecated): ManifestsTest forbids
        // it; here a misspelt field and a wrong type, which a lenient parse would drop or coerce
        ((ObjectNode) cluster.path("spec")).put("instance", 3);
        assertThat(validate("Cluster c", cluster)).singleElement().asString().contains("instance");
        ((ObjectNode) cluster.path("spec")).remove("instance");
        ((ObjectNode) cluster.path("spec")).put("instances", "three");
        assertThat(validate("Cluster c", cluster)).singleElement().asString().contains("instances");

        JsonNode topic = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 3, replicas: 1, config: {cleanup.policy: delete}}
                """);
        assertThat(validate("KafkaTopic t", topic)).isEmpty();
        ((ObjectNode) topic.path("spec")).put("partitions", 0); // minimum 1
        assertThat(validate("KafkaTopic t", topic)).singleElement().asString().contains("partitions");
    }

    // ---------------------------------------------------------------- the runbook installs what was validated against

    @Test
    void theRunbookInstallsTheVendoredOperatorVersions() throws IOException {
        String runbook = Files.readString(Manifests.rootDir().resolve("deploy/README.md"));
        Set<String> projects = new TreeSet<>();
        CRDS.values().forEach(crd -> projects.add(crd.project()));
        assertThat(projects).as("crds/<project>-<version>").hasSize(4);
        Map<String, String> versions = new TreeMap<>();
        for (String project : projects) {
            Matcher m = Pattern.compile("(.+)-([0-9]+\\.[0-9]+\\.[0-9]+)").matcher(project);
            assertThat(m.matches()).as("crds/" + project + " names its version").isTrue();
            versions.put(m.group(1), m.group(2));
            assertThat(Manifests.k8sDir().resolve("crds").resolve(project).resolve("README.md")).as(project + " README").exists();
        }
        // the install commands name exactly these releases (no "latest", no other version)
        assertThat(runbook).contains("releases/download/" + versions.get("strimzi") + "/strimzi-cluster-operator-"
                + versions.get("strimzi") + ".yaml");
        assertThat(runbook).contains("releases/cnpg-" + versions.get("cloudnative-pg") + ".yaml");
        assertThat(runbook).contains("plugin-barman-cloud/releases/download/v" + versions.get("plugin-barman-cloud") + "/manifest.yaml");
        assertThat(runbook).contains("prometheus-community/kube-prometheus-stack --version " + versions.get("kube-prometheus-stack"));
        assertThat(runbook).doesNotContain("install/latest").doesNotContain("/latest?");
        // the base says which operator releases it was written for
        String base = Files.readString(Manifests.k8sDir().resolve("base/kustomization.yaml"));
        versions.forEach((project, version) -> assertThat(base).as("base/kustomization.yaml names " + project + " " + version)
                .contains(project + " " + version));
    }

    // ---------------------------------------------------------------- helpers

    /** The problems of one resource; empty if its CRD's schema accepts it. */
    static List<String> validate(String what, JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        Crd crd = CRDS.get(apiVersion + "/" + resource.path("kind").asText());
        if (crd == null) {
            return List.of(what + ": no vendored CRD serves " + apiVersion + " " + resource.path("kind").asText()
                    + " (deploy/k8s/crds: " + CRDS.keySet() + ")");
        }
        try {
            List<Error> errors = crd.schema().validate(JSON.writeValueAsString(resource), InputFormat.JSON);
            return errors.stream().map(e -> what + " (" + crd.project() + "): " + e).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML documents of a file, comment-only ones skipped. */
    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (String part : Files.readString(file).split("(?m)^---\\s*$")) {
            if (part.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"))) {
                docs.add(YAML.readTree(part));
            }
        }
        return docs;
    }

    /**
     * Makes a structural CRD schema strict: where an object lists its properties and neither keeps unknown fields
     * ({@code x-kubernetes-preserve-unknown-fields}) nor describes a map ({@code additionalProperties}), any other
     * field is an error — what the API server reports as "unknown field" under strict field validation.
     */
    static void strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            node.put("additionalProperties", false);
        }
        for (Iterator<JsonNode> it = node.path("properties").elements(); it.hasNext(); ) {
            strict(it.next());
        }
        strict(node.get("items"));
        strict(node.get("additionalProperties"));
        // allOf/anyOf/oneOf/not branches only add constraints to fields declared above (a structural schema's
        // rule): they stay as they are, a branch naming some of the fields must not forbid the others
    }
}
