package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Parses every manifest (the base and each rendered overlay) into typed fabric8 objects, and checks what issue #9
 * promises against the services' own sources: their AsyncAPI documents, their application.properties, their
 * configuration classes and the Quarkus extensions they run on.
 */
class ManifestsTest {
    static final List<String> SERVICES = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");
    /** The staff console (console/): a Deployment like the services', without database or Kafka. */
    static final String CONSOLE = "console";
    static final String KAFKA_CLUSTER = "crm-kafka";
    static final String KAFKA_CA_SECRET = "crm-kafka-cluster-ca-cert";
    static final long MEMORY_REQUEST_TARGET = 384L * 1024 * 1024;
    /** The identity provider's settings, one ConfigMap that all four services load (base/auth.env, set per overlay). */
    static final String AUTH_CONFIG = "crm-auth-config";
    /** The OpenTelemetry exporter's settings, one ConfigMap that all four services load (base/tracing.env, set per overlay). */
    static final String TRACING_CONFIG = "crm-tracing-config";
    /** CloudNativePG's Barman Cloud plugin (WAL archiving and base backups to object storage). */
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    static final Map<String, ServiceFacts> FACTS = new LinkedHashMap<>();
    static final Map<String, ConfigKeys> KEYS = new HashMap<>();
    static final Map<String, List<HasMetadata>> RENDERED = new TreeMap<>();
    static List<HasMetadata> base;

    @BeforeAll
    static void load() {
        for (String service : SERVICES) {
            ServiceFacts facts = ServiceFacts.of(service);
            FACTS.put(service, facts);
            KEYS.put(service, ConfigKeys.of(facts));
        }
        List<Manifests.Doc> docs = new ArrayList<>();
        Manifests.baseFiles().forEach(f -> docs.addAll(Manifests.read(f)));
        base = Manifests.objects(docs);
        for (String overlay : Manifests.overlays()) {
            RENDERED.put(overlay, Manifests.objects(Manifests.read(Manifests.rendered(overlay))));
        }
    }

    // ---------------------------------------------------------------- parsing and rendering

    @Test
    void everyManifestParsesIntoATypedObject() throws IOException {
        assertThat(RENDERED).containsOnlyKeys("dev", "prod");
        for (List<HasMetadata> objects : allSets().values()) {
            for (HasMetadata object : objects) {
                // kinds of the Kubernetes API are typed classes; only the operators' custom resources are generic, and
                // on the API versions the pinned operators serve (Strimzi 1.x serves only kafka.strimzi.io/v1; the
                // Barman Cloud plugin's ObjectStore replaces CloudNativePG's in-tree backup configuration)
                if (object instanceof GenericKubernetesResource generic) {
                    assertThat(generic.getApiVersion()).as(generic.getKind() + " " + generic.getMetadata().getName())
                            .isIn("kafka.strimzi.io/v1", "postgresql.cnpg.io/v1", "barmancloud.cnpg.io/v1", "monitoring.coreos.com/v1");
                }
            }
        }
        // the kustomizations themselves, typed
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(Manifests.k8sDir())) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.toString().contains("/target/")).toList();
        }
        // the base, one per overlay, and the network-parameters component
        assertThat(kustomizations).hasSize(1 + RENDERED.size() + 1);
        for (Path file : kustomizations) {
            String text = Files.readString(file);
            if (text.contains("\nkind: Component")) {
                assertThat(file.getParent().getFileName()).hasToString("network-parameters");
                continue; // a kustomize Component (v1alpha1): no typed model; what it does is checked on the renderings
            }
            Kustomization kustomization = Manifests.SERIALIZATION.unmarshal(text, Kustomization.class);
            assertThat(kustomization.getKind()).as(file.toString()).isEqualTo("Kustomization");
            for (String resource : kustomization.getResources()) {
                assertThat(file.getParent().resolve(resource)).as(file + " resource " + resource).exists();
            }
            for (String component : Objects.requireNonNullElse(kustomization.getComponents(), List.<String>of())) {
                assertThat(file.getParent().resolve(component).resolve("kustomization.yaml")).as(file + " component " + component).exists();
            }
            if (file.getParent().getParent().getFileName().toString().equals("overlays")) {
                // every overlay names its own ingress controller's and Prometheus's namespaces (no fixed name)
                assertThat(kustomization.getComponents()).as(file + " components").contains("../../components/network-parameters");
                assertThat(kustomization.getResources()).as(file + " resources").contains("network-parameters.yaml");
            }
        }
    }

    @Test
    void typedObjectsHaveNoFieldTheirKindDoesNotKnow() {
        // fabric8 keeps a field its model does not know in additionalProperties instead of failing: a misspelt
        // readOnlyRootFileSystem would be parsed, ignored by Kubernetes, and pass every check above
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, List<HasMetadata>> set : allSets().entrySet()) {
            for (HasMetadata object : set.getValue()) {
                if (!(object instanceof GenericKubernetesResource)) {
                    unknownFields(object, set.getKey() + ": " + object.getKind() + " " + object.getMetadata().getName(),
                            unknown, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (java.lang.reflect.Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": unknown " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    @Test
    void renderedOverlaysAreThoseKustomizeRendersNow() throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl is not on PATH: the committed rendered/*.yaml are checked, but not re-rendered "
                        + "(run deploy/k8s/render on a machine with kubectl after changing base/ or overlays/)");
        // another kustomize version may format the same objects differently: compare only with the version that rendered
        Process version = new ProcessBuilder(kubectl.get().toString(), "version", "--client").redirectErrorStream(true).start();
        String versionOutput = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor(60, TimeUnit.SECONDS);
        String kustomize = versionOutput.lines().filter(l -> l.startsWith("Kustomize Version:"))
                .map(l -> l.substring("Kustomize Version:".length()).trim()).findFirst().orElse("unknown");
        for (String overlay : RENDERED.keySet()) {
            String header = Files.readAllLines(Manifests.rendered(overlay)).get(0);
            Assumptions.assumeTrue(header.contains("(" + kustomize + ")"), "rendered/" + overlay + ".yaml was rendered by "
                    + "another kustomize than this kubectl's " + kustomize + " (" + header + "): not re-rendered here");
        }
        for (String overlay : RENDERED.keySet()) {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize",
                    Manifests.k8sDir().resolve("overlays").resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String fresh = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize overlays/" + overlay).isZero();
            String committed = Files.readString(Manifests.rendered(overlay));
            committed = committed.substring(committed.indexOf('\n') + 1); // the "GENERATED" header line
            assertThat(committed).as("rendered/" + overlay + ".yaml is stale: run deploy/k8s/render").isEqualTo(fresh);
        }
    }

    @Test
    void noSecretValueAnywhere() throws IOException {
        for (Map.Entry<String, List<HasMetadata>> set : allSets().entrySet()) {
            for (Secret secret : Manifests.ofType(set.getValue(), Secret.class)) {
                assertThat(secret.getData()).as(set.getKey() + ": Secret " + secret.getMetadata().getName()).isNullOrEmpty();
                assertThat(secret.getStringData()).as(set.getKey() + ": Secret " + secret.getMetadata().getName()).isNullOrEmpty();
            }
            assertThat(Manifests.ofType(set.getValue(), Secret.class)).as(set.getKey() + ": secrets are referenced, never committed").isEmpty();
        }
        // nor a literal value where a reference belongs: every env var from a secret is a secretKeyRef
        try (Stream<Path> files = Files.walk(Manifests.k8sDir())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".env")).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$")
                        // a ConfigMap's .env holds no credential (those are secretKeyRefs of the Deployment)
                        .doesNotContainPattern("(?im)^[A-Z0-9_]*(PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL)[A-Z0-9_]*\\s*=");
            }
        }
    }

    // ---------------------------------------------------------------- the workloads

    @TestFactory
    Stream<DynamicTest> everyServiceExportsTracesToTheCollectorInEveryOverlay() {
        return perServiceAndSet((set, service, objects) -> {
            Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), service).orElseThrow();
            Map<String, String> env = environment(objects, deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
            // the services' default share is 0 (propagated, never exported): on Kubernetes some traces are recorded
            assertThat(Double.parseDouble(env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"))).as(set + "/" + service + " share of traces recorded")
                    .isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(java.net.URI.create(env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")).getPort())
                    .as(set + "/" + service + " OTLP endpoint with its port").isPositive();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyServiceRunsHardenedWithProbesAndResources() {
        return perServiceAndSet((set, service, objects) -> {
            Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), service)
                    .orElseThrow(() -> new AssertionError(set + ": no Deployment " + service));
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).hasSize(1);
            Container container = pod.getContainers().get(0);
            String what = set + "/" + service;

            assertProbe(what + " startup", container.getStartupProbe(), "/q/health/started");
            assertProbe(what + " liveness", container.getLivenessProbe(), "/q/health/live");
            assertProbe(what + " readiness", container.getReadinessProbe(), "/q/health/ready");

            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(what + " limits").containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(requests.get("memory")).longValue()).as(what + " memory request")
                    .isLessThanOrEqualTo(MEMORY_REQUEST_TARGET)
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")).longValue());
            assertThat(Quantity.getAmountInBytes(requests.get("cpu")))
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("cpu")));

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what + " pod runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(what + " pod runAsUser").isNotNull().isNotZero();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(what + " no API token").isFalse();
            var security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(what + " capabilities dropped").containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(what + " capabilities added").isNullOrEmpty();
            assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);

            // a read-only root: /tmp is an emptyDir
            String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(what + ": no /tmp mount")).getName();
            Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
            assertThat(tmp.getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();

            // graceful shutdown: grace >= preStop pause + Quarkus shutdown timeout
            List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).as(what + " preStop").hasSize(2).startsWith("sleep");
            long pause = Long.parseLong(preStop.get(1));
            Map<String, String> env = environment(objects, container);
            long shutdown = seconds(env.get("QUARKUS_SHUTDOWN_TIMEOUT"));
            assertThat(pod.getTerminationGracePeriodSeconds()).as(what + " terminationGracePeriodSeconds")
                    .isGreaterThan(pause + shutdown);

            assertThat(container.getPorts()).anyMatch(p -> "http".equals(p.getName())
                    && String.valueOf(p.getContainerPort()).equals(env.get("QUARKUS_HTTP_PORT")));
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .as(what + " rolling update keeps capacity").isZero();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyServiceHasItsServicePdbHpaNetworkPolicyAndServiceMonitor() {
        return perServiceAndSet((set, service, objects) -> {
            String what = set + "/" + service;
            Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), service).orElseThrow();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

            Service svc = Manifests.named(Manifests.ofType(objects, Service.class), service)
                    .orElseThrow(() -> new AssertionError(what + ": no Service"));
            assertThat(podLabels).as(what + " Service selects the pods").containsAllEntriesOf(svc.getSpec().getSelector());

            PodDisruptionBudget pdb = Manifests.named(Manifests.ofType(objects, PodDisruptionBudget.class), service)
                    .orElseThrow(() -> new AssertionError(what + ": no PodDisruptionBudget"));
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

            HorizontalPodAutoscaler hpa = Manifests.named(Manifests.ofType(objects, HorizontalPodAutoscaler.class), service)
                    .orElseThrow(() -> new AssertionError(what + ": no HorizontalPodAutoscaler"));
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(hpa.getSpec().getMetrics()).as(what + " HPA on CPU")
                    .anyMatch(m -> m.getResource() != null && m.getResource().getName().equals("cpu"));
            ServiceFacts facts = FACTS.get(service);
            if (!facts.consumerGroups().isEmpty()) {
                List<MetricSpec> lag = hpa.getSpec().getMetrics().stream().filter(m -> "External".equals(m.getType())).toList();
                assertThat(lag).as(what + " HPA on consumer lag").hasSize(1);
                assertThat(lag.get(0).getExternal().getMetric().getSelector().getMatchLabels())
                        .containsEntry("consumergroup", facts.consumerGroups().iterator().next());
            }

            NetworkPolicy policy = Manifests.named(Manifests.ofType(objects, NetworkPolicy.class), service)
                    .orElseThrow(() -> new AssertionError(what + ": no NetworkPolicy"));
            assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            List<LabelSelector> ingressFrom = new ArrayList<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertThat(rule.getPorts()).as(what + " ingress on the http port only").singleElement()
                        .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        // the one pod peer: the staff console of the same namespace, which calls the REST API
                        assertThat(peer.getPodSelector().getMatchLabels()).as(what + " ingress from pods: the console only")
                                .isEqualTo(Map.of("app.kubernetes.io/name", CONSOLE));
                        assertThat(peer.getPodSelector().getMatchExpressions()).isNullOrEmpty();
                        continue;
                    }
                    assertThat(peer.getPodSelector()).as(what + " ingress by namespace only").isNull();
                    assertThat(peer.getIpBlock()).isNull();
                    LabelSelector selector = peer.getNamespaceSelector();
                    assertThat(selector).as(what + " ingress peer without a namespace selector").isNotNull();
                    assertThat(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()).size()
                            + Objects.requireNonNullElse(selector.getMatchExpressions(), List.of()).size())
                            .as(what + " an empty namespaceSelector admits every namespace").isPositive();
                    ingressFrom.add(selector);
                }
            }
            assertThat(ingressFrom).as(what + " ingress only from the ingress controller and Prometheus")
                    .containsExactlyElementsOf(ingressNamespaceSelectors(set));
            // the identity provider: HTTPS to the JWKS URL's port, when the keys come from a URL (not a mounted PEM file)
            Optional<Integer> jwksPort = jwksPort(what, environment(objects, deployment.getSpec().getTemplate().getSpec().getContainers().get(0)));
            Map<String, String> containerEnv = environment(objects, deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
            Optional<Integer> otlpPort = Optional.ofNullable(containerEnv.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                    .map(endpoint -> java.net.URI.create(endpoint).getPort());
            Set<String> egressTargets = new TreeSet<>();
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                assertThat(rule.getTo()).as(what + " egress rule without destination = anywhere").isNotEmpty();
                assertThat(rule.getPorts()).as(what + " egress rule without ports").isNotEmpty();
                boolean idpRule = rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null
                        || (peer.getPodSelector() == null && peer.getNamespaceSelector() != null));
                if (idpRule) {
                    // the only egress that may leave the CRM's own pods: to the IdP's address range or namespace, on
                    // exactly the JWKS URL's port — never to anywhere, never another port
                    assertThat(jwksPort).as(what + " egress outside the cluster's CRM pods, but no JWKS URL to fetch").isPresent();
                    assertThat(rule.getPorts()).as(what + " identity provider egress: the JWKS URL's port only").singleElement()
                            .satisfies(p -> {
                                assertThat(p.getPort().getIntVal()).isEqualTo(jwksPort.get());
                                assertThat(p.getProtocol()).isEqualTo("TCP");
                                assertThat(p.getEndPort()).isNull();
                            });
                    for (NetworkPolicyPeer peer : rule.getTo()) {
                        if (peer.getIpBlock() != null) {
                            String cidr = peer.getIpBlock().getCidr();
                            assertThat(cidr).as(what + " identity provider address range").matches("[0-9a-fA-F.:]+/[0-9]+");
                            assertThat(Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)))
                                    .as(what + " identity provider range " + cidr + " is narrowed (not the whole internet)")
                                    .isGreaterThanOrEqualTo(cidr.contains(":") ? 48 : 16);
                        } else {
                            assertThat(peer.getNamespaceSelector().getMatchLabels())
                                    .as(what + " identity provider namespace, by name (an empty selector is every namespace)")
                                    .containsOnlyKeys("kubernetes.io/metadata.name");
                        }
                    }
                    egressTargets.add("idp");
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                    if (labels.containsKey("cnpg.io/cluster")) {
                        egressTargets.add("db:" + labels.get("cnpg.io/cluster"));
                    } else if (labels.containsKey("strimzi.io/cluster")) {
                        egressTargets.add("kafka:" + labels.get("strimzi.io/cluster"));
                    } else if ("kube-dns".equals(labels.get("k8s-app"))) {
                        egressTargets.add("dns");
                    } else if ("opentelemetry-collector".equals(labels.get("app.kubernetes.io/name"))) {
                        // the traces' collector, on the port of the endpoint the service exports to
                        assertThat(otlpPort).as(what + " egress to the OpenTelemetry Collector, but no endpoint").isPresent();
                        assertThat(rule.getPorts()).as(what + " collector egress: the OTLP endpoint's port only").singleElement()
                                .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(otlpPort.get()));
                        egressTargets.add("collector");
                    } else {
                        egressTargets.add("unexpected:" + labels);
                    }
                }
            }
            List<String> expectedEgress = new ArrayList<>(List.of("db:" + databaseCluster(service), "kafka:" + KAFKA_CLUSTER, "dns"));
            jwksPort.ifPresent(port -> expectedEgress.add("idp"));
            otlpPort.ifPresent(port -> expectedEgress.add("collector"));
            assertThat(egressTargets).as(what + " egress only to its database, Kafka, DNS, (JWKS URL) the identity provider "
                    + "and (OTLP endpoint) the traces' collector")
                    .containsExactlyInAnyOrderElementsOf(expectedEgress);

            GenericKubernetesResource monitor = Manifests.named(
                    Manifests.custom(objects, "monitoring.coreos.com", "ServiceMonitor"), service)
                    .orElseThrow(() -> new AssertionError(what + ": no ServiceMonitor"));
            assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels")).isEqualTo(svc.getMetadata().getLabels()
                    .entrySet().stream().filter(e -> e.getKey().equals("app.kubernetes.io/name"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
            assertThat(endpoints).singleElement().satisfies(e -> {
                assertThat(e).containsEntry("path", "/q/metrics").containsEntry("port", "http");
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> everyConfigurationKeyOfADeploymentExistsInItsService() {
        return perServiceAndSet((set, service, objects) -> {
            Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), service).orElseThrow();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            ConfigKeys keys = KEYS.get(service);
            Map<String, String> env = environment(objects, container);
            assertThat(env).isNotEmpty();
            List<String> problems = new ArrayList<>();
            for (String name : env.keySet()) {
                Optional<ConfigKeys.Key> key = keys.lookup(name);
                if (key.isEmpty()) {
                    problems.add(name + ": no configuration key of " + service + " has this environment name");
                } else if (!key.get().runtime()) {
                    problems.add(name + " -> " + key.get().property() + " is fixed at build time (" + key.get().source() + ")");
                }
            }
            assertThat(problems).as(set + "/" + service + " environment").isEmpty();
        });
    }

    @Test
    void theJwtKeysAreKnownAndAMisspeltOneIsNot() {
        // the check above stays strict for the bearer-JWT settings: SmallRye JWT's real keys are known, near misses are not
        for (String service : SERVICES) {
            ConfigKeys keys = KEYS.get(service);
            for (String known : List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_PATH_GROUPS",
                    "MP_JWT_VERIFY_AUDIENCES")) {
                assertThat(keys.lookup(known)).as(service + " knows " + known).isPresent();
            }
            for (String misspelt : List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATON", "MP_JWT_VERIFY_PUBLIC_KEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUERS", "SMALLRYE_JWT_PATH_GROUP")) {
                assertThat(keys.lookup(misspelt)).as(service + " does not know " + misspelt).isEmpty();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyServiceVerifiesTokensOfTheIdentityProviderTheOthersDo() {
        return allSets().entrySet().stream().map(set -> DynamicTest.dynamicTest(set.getKey(), () -> {
            Map<String, Map<String, String>> settings = new TreeMap<>();
            for (String service : SERVICES) {
                String what = set.getKey() + "/" + service;
                Container container = Manifests.named(Manifests.ofType(set.getValue(), Deployment.class), service).orElseThrow()
                        .getSpec().getTemplate().getSpec().getContainers().get(0);
                Map<String, String> env = environment(set.getValue(), container);
                assertThat(env.get("MP_JWT_VERIFY_ISSUER")).as(what + " MP_JWT_VERIFY_ISSUER").isNotBlank();
                // only tokens issued for the CRM: the same IdP signs tokens for the bank's other applications too
                assertThat(env.get("MP_JWT_VERIFY_AUDIENCES")).as(what + " MP_JWT_VERIFY_AUDIENCES").isNotBlank();
                String location = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                if (jwksPort(what, env).isEmpty()) {
                    // a PEM public key: a file the container has mounted
                    String path = location.replaceFirst("^file:", "");
                    assertThat(container.getVolumeMounts()).as(what + " mounts the PEM key " + path)
                            .anyMatch(m -> path.startsWith(m.getMountPath() + "/"));
                }
                Map<String, String> jwt = new TreeMap<>();
                env.forEach((name, value) -> {
                    if (name.startsWith("MP_JWT_") || name.startsWith("SMALLRYE_JWT_")) {
                        jwt.put(name, value);
                    }
                });
                settings.put(service, jwt);
            }
            // one identity provider for the whole CRM: a token one service accepts, every service verifies the same way
            assertThat(new java.util.HashSet<>(settings.values())).as(set.getKey() + ": JWT settings of the four services " + settings)
                    .hasSize(1);
        }));
    }

    @Test
    void theBaseConfigMapsHoldTheServicesDefaultsOfTheirTunables() {
        // so that deploying changes no rule of a service until an overlay says so, and a default changed in the code
        // shows here instead of being silently overridden by a stale copy
        for (ConfigMap map : baseConfigMaps()) {
            if (map.getMetadata().getName().equals(AUTH_CONFIG) || map.getMetadata().getName().equals(TRACING_CONFIG)) {
                continue; // the identity provider's and the collector's settings: placeholders a bank replaces, not tunables
            }
            if (map.getMetadata().getName().equals(CONSOLE + "-config")) {
                continue; // the console has no CRM_ tunables: addresses and sign-in (theConsoleRuns... checks them)
            }
            String service = map.getMetadata().getName().replace("-config", "");
            ConfigKeys keys = KEYS.get(service);
            List<String> problems = new ArrayList<>();
            int compared = 0;
            for (Map.Entry<String, String> entry : map.getData().entrySet()) {
                if (!entry.getKey().startsWith("CRM_") && !entry.getKey().startsWith("MP_MESSAGING_")) {
                    continue; // platform wiring (URLs, ports, Kafka security) is what Kubernetes changes on purpose
                }
                Optional<String> expected = keys.defaultValue(entry.getKey());
                if (expected.isEmpty()) {
                    problems.add(entry.getKey() + ": the service has no default for it");
                } else {
                    compared++;
                    if (!expected.get().equals(entry.getValue())) {
                        problems.add(entry.getKey() + "=" + entry.getValue() + " but the service's default is " + expected.get());
                    }
                }
            }
            assertThat(problems).as(service + ".env against the service's defaults").isEmpty();
            assertThat(compared).as(service + " tunables compared").isGreaterThan(5);
        }
    }

    @TestFactory
    Stream<DynamicTest> datasourceAndKafkaSettingsPointAtTheOperatorsObjects() {
        return perServiceAndSet((set, service, objects) -> {
            String what = set + "/" + service;
            Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), service).orElseThrow();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            Map<String, String> env = environment(objects, container);
            String cluster = databaseCluster(service);
            GenericKubernetesResource db = Manifests.named(Manifests.custom(objects, "postgresql.cnpg.io", "Cluster"), cluster)
                    .orElseThrow(() -> new AssertionError(what + ": no CloudNativePG Cluster " + cluster));
            String database = db.get("spec", "bootstrap", "initdb", "database");
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).isEqualTo("postgresql://" + cluster + "-rw:5432/" + database);
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://" + cluster + "-rw:5432/" + database);

            Map<String, String> secretRefs = new TreeMap<>();
            for (EnvVar var : container.getEnv()) {
                assertThat(var.getValueFrom()).as(what + " " + var.getName() + " comes from a secret, not a literal").isNotNull();
                var ref = var.getValueFrom().getSecretKeyRef();
                secretRefs.put(var.getName(), ref.getName() + "/" + ref.getKey());
            }
            // CNPG writes <cluster>-app for the owner of the database; Strimzi a secret named as the KafkaUser
            assertThat(secretRefs).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "QUARKUS_DATASOURCE_USERNAME", cluster + "-app/username",
                    "QUARKUS_DATASOURCE_PASSWORD", cluster + "-app/password",
                    "KAFKA_SASL_JAAS_CONFIG", service + "/sasl.jaas.config"));
            Manifests.named(Manifests.custom(objects, "kafka.strimzi.io", "KafkaUser"), service)
                    .orElseThrow(() -> new AssertionError(what + ": no KafkaUser " + service));
            assertThat(pod.getVolumes()).anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals(KAFKA_CA_SECRET));
            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", KAFKA_CLUSTER + "-kafka-bootstrap:9093")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyDatabaseIsBackedUpToObjectStorageByReference() {
        return perServiceAndSet((set, service, objects) -> {
            String cluster = databaseCluster(service);
            String what = set + " " + cluster;
            GenericKubernetesResource db = Manifests.named(Manifests.custom(objects, "postgresql.cnpg.io", "Cluster"), cluster).orElseThrow();
            // the Barman Cloud plugin, not the in-tree barmanObjectStore CloudNativePG deprecates (removed in 1.31)
            assertThat(db.<Object>get("spec", "backup")).as(what + ": no in-tree spec.backup").isNull();
            List<Map<String, Object>> plugins = db.get("spec", "plugins");
            assertThat(plugins).as(what + " plugins").singleElement().satisfies(plugin -> {
                assertThat(plugin).containsEntry("name", BARMAN_PLUGIN).containsEntry("isWALArchiver", true);
            });
            @SuppressWarnings("unchecked")
            String storeName = ((Map<String, String>) plugins.get(0).get("parameters")).get("barmanObjectName");
            GenericKubernetesResource store = Manifests.named(Manifests.custom(objects, "barmancloud.cnpg.io", "ObjectStore"), storeName)
                    .orElseThrow(() -> new AssertionError(what + ": no ObjectStore " + storeName));
            assertThat(store.<Map<String, Object>>get("spec", "configuration")).as(what + " object store")
                    .containsKeys("destinationPath", "endpointURL", "s3Credentials");
            assertThat(store.<String>get("spec", "configuration", "serverName"))
                    .as(what + ": the plugin takes serverName from the Cluster, the ObjectStore's must stay empty").isNull();
            assertThat(store.<String>get("spec", "retentionPolicy")).as(what + " retention").matches("[0-9]+[dwm]");
            Map<String, Map<String, String>> credentials = store.get("spec", "configuration", "s3Credentials");
            assertThat(credentials).isNotEmpty();
            credentials.values().forEach(ref -> assertThat(ref).containsOnlyKeys("name", "key"));
            // one ObjectStore per database: two clusters archiving WAL into one prefix would corrupt each other's
            assertThat(Manifests.custom(objects, "postgresql.cnpg.io", "Cluster").stream()
                    .filter(other -> other.<List<Map<String, Object>>>get("spec", "plugins").stream()
                            .anyMatch(p -> storeName.equals(((Map<?, ?>) p.get("parameters")).get("barmanObjectName")))))
                    .as(what + ": ObjectStore " + storeName + " used by one cluster").hasSize(1);
            assertThat(Manifests.custom(objects, "postgresql.cnpg.io", "ScheduledBackup"))
                    .filteredOn(b -> cluster.equals(b.get("spec", "cluster", "name")))
                    .as(what + " a daily plugin backup").singleElement().satisfies(b -> {
                        assertThat(b.<String>get("spec", "method")).isEqualTo("plugin");
                        assertThat(b.<String>get("spec", "pluginConfiguration", "name")).isEqualTo(BARMAN_PLUGIN);
                    });
            if (set.equals("prod")) {
                assertThat(db.<Integer>get("spec", "instances")).isEqualTo(3);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyDatabaseAndTheLagExporterAreScrapedByAPodMonitor() {
        return allSets().entrySet().stream().map(set -> DynamicTest.dynamicTest(set.getKey(), () -> {
            List<GenericKubernetesResource> monitors = Manifests.custom(set.getValue(), "monitoring.coreos.com", "PodMonitor");
            List<GenericKubernetesResource> clusters = Manifests.custom(set.getValue(), "postgresql.cnpg.io", "Cluster");
            assertThat(clusters).hasSize(SERVICES.size());
            for (GenericKubernetesResource db : clusters) {
                String cluster = db.getMetadata().getName();
                // CloudNativePG 1.30 deprecates the operator-made PodMonitor: one the CRM owns instead
                assertThat(db.<Object>get("spec", "monitoring", "enablePodMonitor")).as(cluster + " enablePodMonitor (deprecated)").isNull();
                assertThat(monitors).as(set.getKey() + ": a PodMonitor on every instance of " + cluster).anySatisfy(m -> {
                    assertThat(m.<Map<String, String>>get("spec", "selector", "matchLabels")).isEqualTo(Map.of("cnpg.io/cluster", cluster));
                    assertThat(m.<List<Map<String, Object>>>get("spec", "podMetricsEndpoints")).singleElement()
                            .satisfies(e -> assertThat(e).containsEntry("port", "metrics"));
                });
            }
            // the consumers' HPAs scale on kafka_consumergroup_lag: Strimzi's Kafka Exporter must be scraped
            assertThat(monitors).as(set.getKey() + ": a PodMonitor on the Kafka Exporter").anySatisfy(m -> {
                assertThat(m.<Map<String, String>>get("spec", "selector", "matchLabels"))
                        .containsEntry("strimzi.io/cluster", KAFKA_CLUSTER).containsEntry("strimzi.io/name", KAFKA_CLUSTER + "-kafka-exporter");
                assertThat(m.<List<Map<String, Object>>>get("spec", "podMetricsEndpoints")).singleElement()
                        .satisfies(e -> assertThat(e).containsEntry("port", "tcp-prometheus").containsEntry("path", "/metrics"));
            });
        }));
    }

    // ---------------------------------------------------------------- Kafka: topics and users

    @TestFactory
    Stream<DynamicTest> everyServicesAsyncApiReceivesExactlyTheTopicsOfItsIncomingChannels() {
        return FACTS.values().stream().map(facts -> DynamicTest.dynamicTest(facts.name(), () ->
                assertThat(facts.asyncApiReceives()).as(facts.name() + ": AsyncAPI receive operations vs. "
                        + "mp.messaging.incoming.*.topic").containsExactlyInAnyOrderElementsOf(facts.incomingTopics())));
    }

    @TestFactory
    Stream<DynamicTest> everyTopicAndDeadLetterTopicOfEveryAsyncApiIsAKafkaTopic() {
        Set<String> expected = new TreeSet<>();
        for (ServiceFacts facts : FACTS.values()) {
            expected.addAll(facts.asyncApiSends());
            expected.addAll(facts.asyncApiReceives());
            facts.consumes().forEach(t -> expected.add(t + ".dlq"));
            expected.addAll(facts.deadLetterTopics());
        }
        return allSets().entrySet().stream().map(set -> DynamicTest.dynamicTest(set.getKey(), () -> {
            List<GenericKubernetesResource> topics = Manifests.custom(set.getValue(), "kafka.strimzi.io", "KafkaTopic");
            Set<String> names = topics.stream().map(t -> (String) t.get("spec", "topicName")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(names).as(set.getKey() + ": KafkaTopics").containsExactlyInAnyOrderElementsOf(expected);
            for (GenericKubernetesResource topic : topics) {
                String name = topic.get("spec", "topicName");
                assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", KAFKA_CLUSTER);
                Map<String, Object> config = topic.get("spec", "config");
                assertThat(config).as(name).containsKeys("cleanup.policy", "retention.ms", "min.insync.replicas");
                int replicas = topic.get("spec", "replicas");
                int minIsr = Integer.parseInt(String.valueOf(config.get("min.insync.replicas")));
                if (set.getKey().equals("prod")) {
                    assertThat(replicas).as(name + " replicas").isEqualTo(3);
                    assertThat(minIsr).as(name + " min.insync.replicas").isEqualTo(2);
                }
                if (!set.getKey().equals("base")) {
                    assertThat(replicas).as(name + ": replicas <= brokers").isLessThanOrEqualTo(brokers(set.getValue()));
                }
                assertThat(minIsr).isLessThanOrEqualTo(replicas);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> partitionsAllowEveryConsumerReplicaAPartition() {
        return RENDERED.entrySet().stream().map(set -> DynamicTest.dynamicTest(set.getKey(), () -> {
            List<GenericKubernetesResource> topics = Manifests.custom(set.getValue(), "kafka.strimzi.io", "KafkaTopic");
            for (ServiceFacts facts : FACTS.values()) {
                HorizontalPodAutoscaler hpa = Manifests.named(Manifests.ofType(set.getValue(), HorizontalPodAutoscaler.class), facts.name()).orElseThrow();
                for (String consumed : facts.consumes()) {
                    GenericKubernetesResource topic = topics.stream().filter(t -> consumed.equals(t.get("spec", "topicName"))).findFirst().orElseThrow();
                    int partitions = topic.get("spec", "partitions");
                    assertThat(hpa.getSpec().getMaxReplicas()).as(set.getKey() + ": " + facts.name()
                            + " scales at most to the partitions of " + consumed).isLessThanOrEqualTo(partitions);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyKafkaUserMayWriteAndReadExactlyWhatItsServiceDoes() {
        return perServiceAndSet((set, service, objects) -> {
            ServiceFacts facts = FACTS.get(service);
            GenericKubernetesResource user = Manifests.named(Manifests.custom(objects, "kafka.strimzi.io", "KafkaUser"), service)
                    .orElseThrow(() -> new AssertionError(set + ": no KafkaUser " + service));
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", KAFKA_CLUSTER);
            assertThat(user.<String>get("spec", "authentication", "type")).isIn("scram-sha-512", "tls");
            assertThat(user.<String>get("spec", "authorization", "type")).isEqualTo("simple");
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
            Set<String> writes = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Map<String, Object> acl : acls) {
                @SuppressWarnings("unchecked")
                Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
                assertThat(resource.get("patternType")).as(service + " ACLs name literal resources").isEqualTo("literal");
                String name = (String) resource.get("name");
                assertThat(name).doesNotContain("*");
                @SuppressWarnings("unchecked")
                List<String> operations = (List<String>) acl.get("operations");
                switch ((String) resource.get("type")) {
                    case "topic" -> {
                        if (operations.contains("Write")) {
                            assertThat(operations).containsExactlyInAnyOrder("Write", "Describe");
                            writes.add(name);
                        } else {
                            assertThat(operations).containsExactlyInAnyOrder("Read", "Describe");
                            reads.add(name);
                        }
                    }
                    case "group" -> {
                        assertThat(operations).containsExactly("Read");
                        groups.add(name);
                    }
                    default -> throw new AssertionError(service + ": ACL on " + resource);
                }
            }
            assertThat(writes).as(set + ": " + service + " writes").containsExactlyInAnyOrderElementsOf(facts.writes());
            assertThat(reads).as(set + ": " + service + " reads").containsExactlyInAnyOrderElementsOf(facts.consumes());
            assertThat(groups).as(set + ": " + service + " consumer groups").containsExactlyInAnyOrderElementsOf(facts.consumerGroups());
        });
    }

    @Test
    void kafkaClustersAreKRaftNodePoolsSizedForTheirTopics() {
        for (Map.Entry<String, List<HasMetadata>> set : RENDERED.entrySet()) {
            GenericKubernetesResource kafka = Manifests.named(Manifests.custom(set.getValue(), "kafka.strimzi.io", "Kafka"), KAFKA_CLUSTER)
                    .orElseThrow(() -> new AssertionError(set.getKey() + ": no Kafka " + KAFKA_CLUSTER));
            List<GenericKubernetesResource> pools = Manifests.custom(set.getValue(), "kafka.strimzi.io", "KafkaNodePool");
            Set<String> roles = new TreeSet<>();
            pools.forEach(p -> roles.addAll(p.<List<String>>get("spec", "roles")));
            assertThat(roles).as(set.getKey() + ": KRaft node pools").containsExactlyInAnyOrder("broker", "controller");
            Map<String, Object> config = kafka.get("spec", "kafka", "config");
            assertThat(config).containsEntry("auto.create.topics.enable", false);
            List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
            assertThat(listeners).anySatisfy(l -> {
                assertThat(l).containsEntry("port", 9093).containsEntry("tls", true);
                assertThat(l.get("authentication")).isEqualTo(Map.of("type", "scram-sha-512"));
            });
            assertThat(kafka.<String>get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
            assertThat(kafka.<Map<String, Object>>get("spec", "entityOperator")).containsKeys("topicOperator", "userOperator");
            assertThat(kafka.<Map<String, Object>>get("spec", "kafkaExporter")).as("lag metrics for the HPAs").isNotNull();
            if (set.getKey().equals("prod")) {
                assertThat(config).containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3);
                assertThat(brokers(set.getValue())).isGreaterThanOrEqualTo(3);
                assertThat(pools.stream().filter(p -> p.<List<String>>get("spec", "roles").contains("controller"))
                        .mapToInt(p -> p.<Integer>get("spec", "replicas")).sum()).as("a KRaft quorum of 3").isEqualTo(3);
            }
        }
    }

    // ---------------------------------------------------------------- images and overlays

    @Test
    void imagesComeFromAConfigurableRegistryAndTag() throws IOException {
        Kustomization baseKustomization = Manifests.SERIALIZATION.unmarshal(
                Files.readString(Manifests.k8sDir().resolve("base/kustomization.yaml")), Kustomization.class);
        Set<String> baseImages = new TreeSet<>();
        for (Deployment deployment : Manifests.ofType(base, Deployment.class)) {
            baseImages.add(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
        assertThat(baseImages).containsExactlyInAnyOrderElementsOf(
                Stream.concat(SERVICES.stream(), Stream.of(CONSOLE)).map(s -> "bank-crm/" + s).toList());
        assertThat(baseKustomization.getImages()).extracting(i -> i.getName()).containsExactlyInAnyOrderElementsOf(baseImages);
        for (String overlay : RENDERED.keySet()) {
            Kustomization kustomization = Manifests.SERIALIZATION.unmarshal(
                    Files.readString(Manifests.k8sDir().resolve("overlays").resolve(overlay).resolve("kustomization.yaml")), Kustomization.class);
            assertThat(kustomization.getImages()).extracting(i -> i.getName()).containsExactlyInAnyOrderElementsOf(baseImages);
            for (Deployment deployment : Manifests.ofType(RENDERED.get(overlay), Deployment.class)) {
                String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                assertThat(image).as(overlay + " image of " + deployment.getMetadata().getName())
                        .matches("[a-z0-9.-]+\\.[a-z]+(:[0-9]+)?/bank-crm/" + deployment.getMetadata().getName() + ":[A-Za-z0-9._-]+");
            }
        }
    }

    // the images themselves (Jib, non-root, names and tags as here): ContainerImagesTest

    @Test
    void devRunsOneReplicaAndProdSeveralSpreadOverNodes() {
        for (Deployment deployment : Manifests.ofType(RENDERED.get("dev"), Deployment.class)) {
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        }
        for (HorizontalPodAutoscaler hpa : Manifests.ofType(RENDERED.get("dev"), HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(1);
        }
        for (Deployment deployment : Manifests.ofType(RENDERED.get("prod"), Deployment.class)) {
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .anyMatch(c -> c.getTopologyKey().equals("kubernetes.io/hostname") && c.getWhenUnsatisfiable().equals("DoNotSchedule")
                            && c.getMatchLabelKeys().contains("app.kubernetes.io/name"));
        }
        for (HorizontalPodAutoscaler hpa : Manifests.ofType(RENDERED.get("prod"), HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        }
    }

    // ---------------------------------------------------------------- the staff console

    @TestFactory
    Stream<DynamicTest> theConsoleRunsLikeTheServicesAndTalksOnlyToThemAndTheIdentityProvider() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<HasMetadata>> set : allSets().entrySet()) {
            tests.add(DynamicTest.dynamicTest(set.getKey() + "/console", () -> {
                String what = set.getKey() + "/console";
                List<HasMetadata> objects = set.getValue();
                Deployment deployment = Manifests.named(Manifests.ofType(objects, Deployment.class), CONSOLE)
                        .orElseThrow(() -> new AssertionError(what + ": no Deployment"));
                var pod = deployment.getSpec().getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertProbe(what + " startup", container.getStartupProbe(), "/q/health/started");
                assertProbe(what + " liveness", container.getLivenessProbe(), "/q/health/live");
                assertProbe(what + " readiness", container.getReadinessProbe(), "/q/health/ready");
                assertThat(container.getEnv()).as(what + " the client secret from a Secret, nothing else inline")
                        .singleElement().satisfies(e -> {
                            assertThat(e.getName()).isEqualTo("QUARKUS_OIDC_CREDENTIALS_SECRET");
                            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("console-oidc");
                        });
                Map<String, String> env = environment(objects, container);
                assertThat(env).as(what + " sign-in through the identity provider, the services by their Services")
                        .containsEntry("QUARKUS_OIDC_TENANT_ENABLED", "true")
                        .containsKey("QUARKUS_OIDC_AUTH_SERVER_URL")
                        .containsEntry("QUARKUS_REST_CLIENT_OFFER_SERVICE_URL", "http://offer-service")
                        .doesNotContainKey("CONSOLE_DEV_SIGN_IN_PRIVATE_KEY");
                assertThat(env.keySet()).noneMatch(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("KAFKA_"));

                Service svc = Manifests.named(Manifests.ofType(objects, Service.class), CONSOLE).orElseThrow();
                assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
                PodDisruptionBudget pdb = Manifests.named(Manifests.ofType(objects, PodDisruptionBudget.class), CONSOLE).orElseThrow();
                assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
                Ingress ingress = Manifests.named(Manifests.ofType(objects, Ingress.class), CONSOLE)
                        .orElseThrow(() -> new AssertionError(what + ": no Ingress"));
                assertThat(ingress.getSpec().getTls()).as(what + " TLS").singleElement()
                        .satisfies(tls -> assertThat(tls.getHosts()).containsExactly(ingress.getSpec().getRules().get(0).getHost()));
                assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths()).singleElement()
                        .satisfies(path -> assertThat(path.getBackend().getService().getName()).isEqualTo(CONSOLE));

                NetworkPolicy policy = Manifests.named(Manifests.ofType(objects, NetworkPolicy.class), CONSOLE).orElseThrow();
                assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
                assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                        .extracting(NetworkPolicyPeer::getNamespaceSelector).containsExactlyElementsOf(ingressNamespaceSelectors(set.getKey())));
                List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
                assertThat(egress).hasSize(3);
                assertThat(egress.get(0).getTo()).extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                        .containsExactlyInAnyOrderElementsOf(SERVICES);
                assertThat(egress.get(1).getTo()).singleElement()
                        .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns"));
                assertThat(egress.get(2).getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(443));
                assertThat(egress.get(2).getTo()).singleElement().satisfies(peer -> assertThat(peer.getIpBlock()).isNotNull());
            }));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- helpers

    interface Check {
        void run(String set, String service, List<HasMetadata> objects) throws Exception;
    }

    /** base (its ConfigMaps from the .env files) and each rendered overlay, times each service. */
    static Stream<DynamicTest> perServiceAndSet(Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<HasMetadata>> set : allSets().entrySet()) {
            for (String service : SERVICES) {
                tests.add(DynamicTest.dynamicTest(set.getKey() + "/" + service, () -> check.run(set.getKey(), service, set.getValue())));
            }
        }
        return tests.stream();
    }

    static Map<String, List<HasMetadata>> allSets() {
        Map<String, List<HasMetadata>> sets = new LinkedHashMap<>();
        List<HasMetadata> withConfigMaps = new ArrayList<>(base);
        withConfigMaps.addAll(baseConfigMaps());
        sets.put("base", withConfigMaps);
        sets.putAll(RENDERED);
        return sets;
    }

    /** The base's generated ConfigMaps, as kustomize's configMapGenerator builds them from the .env files. */
    static List<ConfigMap> baseConfigMaps() {
        List<ConfigMap> maps = new ArrayList<>();
        for (String service : SERVICES) {
            maps.add(configMapOf(service + "-config", Manifests.k8sDir().resolve("base/services/" + service + ".env")));
        }
        maps.add(configMapOf(CONSOLE + "-config", Manifests.k8sDir().resolve("base/services/console.env")));
        maps.add(configMapOf(AUTH_CONFIG, Manifests.k8sDir().resolve("base/auth.env")));
        maps.add(configMapOf(TRACING_CONFIG, Manifests.k8sDir().resolve("base/tracing.env")));
        return maps;
    }

    private static ConfigMap configMapOf(String name, Path envFile) {
        Map<String, String> data = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int eq = line.indexOf('=');
                    assertThat(eq).as(envFile.getFileName() + ": " + line).isPositive();
                    assertThat(data.put(line.substring(0, eq), line.substring(eq + 1))).as(envFile.getFileName() + " twice: " + line).isNull();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConfigMap map = new ConfigMap();
        map.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        map.setData(data);
        return map;
    }

    /**
     * The namespaces that may call the services, in the order of the NetworkPolicies' ingress peers: the ingress
     * controller's and Prometheus's. An overlay takes them from its network-parameters.yaml (a kustomize parameter,
     * copied by components/network-parameters); the base has defaults.
     */
    static List<LabelSelector> ingressNamespaceSelectors(String set) {
        if (set.equals("base")) {
            return List.of(new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx").build(),
                    new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", "monitoring").build());
        }
        Path file = Manifests.k8sDir().resolve("overlays").resolve(set).resolve("network-parameters.yaml");
        GenericKubernetesResource parameters;
        try {
            parameters = Manifests.SERIALIZATION.unmarshal(Files.readString(file), GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(parameters.getKind()).isEqualTo("NetworkParameters");
        assertThat(parameters.getMetadata().getAnnotations()).as(file + " is kustomize input, never applied")
                .containsEntry("config.kubernetes.io/local-config", "true");
        return Stream.of("ingressControllerNamespaces", "monitoringNamespaces")
                .map(key -> Manifests.SERIALIZATION.convertValue(parameters.<Object>get("spec", key), LabelSelector.class))
                .toList();
    }

    /** The port the service fetches its JWT signing keys from, if MP_JWT_VERIFY_PUBLICKEY_LOCATION is a URL. */
    static Optional<Integer> jwksPort(String what, Map<String, String> env) {
        String location = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(location).as(what + " MP_JWT_VERIFY_PUBLICKEY_LOCATION").isNotBlank();
        if (!location.contains("://") || location.startsWith("file:")) {
            return Optional.empty();
        }
        java.net.URI uri = java.net.URI.create(location);
        assertThat(uri.getScheme()).as(what + " the JWKS URL is fetched over HTTPS only: " + location).isEqualTo("https");
        return Optional.of(uri.getPort() == -1 ? 443 : uri.getPort());
    }

    /** The container's environment: its ConfigMaps (envFrom; names may carry kustomize's hash) and its env. */
    static Map<String, String> environment(List<HasMetadata> objects, Container container) {
        Map<String, String> env = new TreeMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            assertThat(from.getSecretRef()).as("no envFrom a whole secret").isNull();
            String name = from.getConfigMapRef().getName();
            ConfigMap map = Manifests.ofType(objects, ConfigMap.class).stream()
                    .filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
            env.putAll(map.getData());
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), Objects.requireNonNullElse(var.getValue(), "<from " + var.getValueFrom() + ">"));
        }
        return env;
    }

    static void assertProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what + " probe").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " probe path").isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what + " probe port").isEqualTo("http");
    }

    static String databaseCluster(String service) {
        return "crm-" + service.replace("-service", "") + "-db";
    }

    static int brokers(List<HasMetadata> objects) {
        return Manifests.custom(objects, "kafka.strimzi.io", "KafkaNodePool").stream()
                .filter(p -> p.<List<String>>get("spec", "roles").contains("broker"))
                .mapToInt(p -> p.<Integer>get("spec", "replicas")).sum();
    }

    static long seconds(String duration) {
        assertThat(duration).as("a duration in seconds, e.g. 30s").matches("[0-9]+s");
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }
}
