package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The dashboard and the alerts of base/monitoring: each alert has a severity, a summary and a runbook link to an
 * existing entry of deploy/README.md; each dashboard panel queries something; the rendered overlays carry both. That
 * every metric they name is one the services expose is checked against the running services by the system tests.
 */
class MonitoringTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern RUNBOOK = Pattern.compile("https://[^/]+/deploy/README\\.md#([a-z0-9-]+)");

    static Path monitoring() {
        return Manifests.k8sDir().resolve("base/monitoring");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookEntryThatExists() throws IOException {
        JsonNode rule = YAML.readTree(monitoring().resolve("alerts.yaml").toFile());
        Set<String> anchors = MarkdownLinksTest.anchors(Manifests.rootDir().resolve("deploy/README.md"));
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                alerts.add(name);
                assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning", "info");
                assertThat(alert.path("annotations").path("summary").asText()).as(name).isNotBlank();
                assertThat(alert.path("expr").asText()).as(name).isNotBlank();
                assertThat(balanced(alert.path("expr").asText())).as(name + ": brackets of its expression").isTrue();
                Matcher runbook = RUNBOOK.matcher(alert.path("annotations").path("runbook_url").asText());
                assertThat(runbook.matches()).as(name + ": runbook_url").isTrue();
                assertThat(anchors).as(name + ": its runbook entry in deploy/README.md").contains(runbook.group(1));
                assertThat(runbook.group(1)).as(name + ": the entry is named after the alert").isEqualTo(name.toLowerCase());
            }
        }
        assertThat(alerts).as("alerts").doesNotHaveDuplicates()
                .contains("CrmConsumerLagHigh", "CrmDeadLettersGrowing", "CrmOutboxBacklogOld", "CrmOutboxRelayStuck",
                        "CrmServerErrors", "CrmDecisionLatencyHigh");
    }

    @Test
    void everyDashboardPanelQueriesAndFitsTheGrid() throws IOException {
        try (var files = Files.list(monitoring())) {
            List<Path> dashboards = files.filter(f -> f.toString().endsWith("-dashboard.json")).toList();
            assertThat(dashboards).isNotEmpty();
            for (Path file : dashboards) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank();
                assertThat(dashboard.path("panels").size()).as(file + " panels").isGreaterThan(5);
                for (JsonNode panel : dashboard.path("panels")) {
                    String what = file.getFileName() + ": " + panel.path("title").asText();
                    JsonNode grid = panel.path("gridPos");
                    assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(what + " width").isLessThanOrEqualTo(24);
                    assertThat(panel.path("targets").size()).as(what + " queries").isPositive();
                    for (JsonNode target : panel.path("targets")) {
                        assertThat(target.path("expr").asText()).as(what).isNotBlank();
                        assertThat(balanced(target.path("expr").asText())).as(what + ": brackets").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void theRenderedOverlaysCarryTheRulesAndTheDashboardForGrafanasSidecar() throws IOException {
        String dashboard = Files.readString(monitoring().resolve("decision-point-dashboard.json"));
        for (String overlay : List.of("dev", "prod")) {
            List<JsonNode> docs = new ArrayList<>();
            String rendered = Files.readString(Manifests.k8sDir().resolve("rendered/" + overlay + ".yaml"));
            for (String part : rendered.split("(?m)^---\\s*$")) {
                JsonNode doc = YAML.readTree(part);
                if (doc != null && doc.has("kind")) {
                    docs.add(doc);
                }
            }
            assertThat(docs).as(overlay).anyMatch(d -> d.path("kind").asText().equals("PrometheusRule"));
            JsonNode map = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                    && d.path("metadata").path("name").asText().equals("crm-grafana-dashboards")).findFirst().orElseThrow();
            assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
            assertThat(map.path("data").path("decision-point-dashboard.json").asText()).isEqualTo(dashboard);
        }
    }

    /** The metric names an expression reads (the families of the CRM, Quarkus, the JVM and Kafka's clients). */
    static Set<String> metricNames(String expr) {
        Set<String> names = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:crm|http_server|jvm|process|kafka)_[a-z0-9_]+)\\b").matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void metricNamesAreReadFromExpressions() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(crm_inbox_event_age_seconds_bucket{job=\"offer-service\", "
                + "type=\"crm.interaction.recorded\"}[5m]))) > max(crm_outbox_pending)"))
                .containsExactly("crm_inbox_event_age_seconds_bucket", "crm_outbox_pending");
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                round += c == '(' ? 1 : c == ')' ? -1 : 0;
                curly += c == '{' ? 1 : c == '}' ? -1 : 0;
                square += c == '[' ? 1 : c == ']' ? -1 : 0;
                if (round < 0 || curly < 0 || square < 0) {
                    return false;
                }
            }
        }
        return round == 0 && curly == 0 && square == 0 && !quoted;
    }
}
