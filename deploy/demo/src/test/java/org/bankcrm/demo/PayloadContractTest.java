package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The generated payloads are what the services accept: touchpoints against interaction-service's JSON Schema
 * of {@code crm.touchpoint.submitted} (the REST body is the same), the other bodies against the services' own
 * enumerations and request constraints (read from their sources in this checkout, so a renamed value fails here
 * before a 400 does in a load).
 */
class PayloadContractTest {
    static final String SCHEMA = "contracts/interaction-service/crm.touchpoint.submitted.schema.json";
    static final Path ROOT = root();
    static List<DemoClient> bank;
    static final LocalDate TODAY = LocalDate.ofInstant(PopulationGeneratorTest.NOW, ZoneOffset.UTC);

    @BeforeAll
    static void generate() {
        bank = new PopulationGenerator(3, PopulationGeneratorTest.NOW).generate(1_500);
    }

    @Test
    void everyTouchpointIsValidAgainstInteractionServiceSchema() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource(SCHEMA), InputFormat.JSON);
        int checked = 0;
        for (DemoClient c : bank) {
            for (Payloads.Touchpoint t : c.touchpoints()) {
                String json = CrmApi.write(t.forClient(UUID.randomUUID()));
                List<Error> errors = schema.validate(json, InputFormat.JSON);
                assertThat(errors).as(json).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3_000);
        // and the schema does reject what the service rejects: a bank-caused negative experience without its cause detail
        String broken = CrmApi.write(new Payloads.Touchpoint(UUID.randomUUID(), UUID.randomUUID(),
                PopulationGeneratorTest.NOW, "BRANCH", "COMPLAINT", "CLIENT", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "BANK",
                null, 1, null, null, null));
        assertThat(schema.validate(broken, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void ourCopyOfTheSchemaIsTheProducersCurrentFile() throws IOException {
        Path producer = ROOT.resolve("interaction-service/src/main/resources/" + SCHEMA.replace("contracts/interaction-service/", "contracts/"));
        Assumptions.assumeTrue(Files.isRegularFile(producer), "interaction-service is not in this checkout");
        assertThat(resource(SCHEMA)).isEqualTo(Files.readString(producer));
    }

    @Test
    void touchpointsUseInteractionServiceEnumerations() throws IOException {
        Map<String, List<String>> enums = new HashMap<>();
        String base = "interaction-service/src/main/java/org/bankcrm/interaction/domain/";
        for (String name : List.of("Channel", "TouchpointType", "Initiator", "Need", "Outcome", "Valence", "Cause", "CauseDetail")) {
            enums.put(name, enumConstants(base + name + ".java"));
        }
        assertThat(Vocabulary.CHANNELS).containsExactlyInAnyOrderElementsOf(enums.get("Channel"));
        assertThat(Vocabulary.INTERACTION_TYPES).containsExactlyInAnyOrderElementsOf(enums.get("TouchpointType"));
        assertThat(Vocabulary.NEEDS).containsExactlyInAnyOrderElementsOf(enums.get("Need"));
        assertThat(Vocabulary.CAUSE_DETAILS).containsExactlyInAnyOrderElementsOf(enums.get("CauseDetail"));
        for (DemoClient c : bank) {
            for (Payloads.Touchpoint t : c.touchpoints()) {
                assertThat(enums.get("Initiator")).contains(t.initiator());
                assertThat(enums.get("Outcome")).contains(t.outcome());
                assertThat(enums.get("Valence")).contains(t.valence());
                if (t.cause() != null) {
                    assertThat(enums.get("Cause")).contains(t.cause());
                }
            }
        }
    }

    @Test
    void registrationsKeepClientServiceRules() throws IOException {
        String base = "client-service/src/main/java/org/bankcrm/client/domain/";
        List<String> types = enumConstants(base + "ClientType.java");
        List<String> brackets = enumConstants(base + "IncomeBracket.java");
        List<String> channels = enumConstants(base + "Channel.java");
        Pattern e164 = Pattern.compile(constant("client-service/src/main/java/org/bankcrm/client/api/ClientRequests.java", "E164"));
        List<String> refs = new ArrayList<>();
        for (DemoClient c : bank) {
            Payloads.RegisterClient r = c.registration();
            refs.add(r.externalRef());
            assertThat(r.externalRef()).isNotBlank().hasSizeLessThanOrEqualTo(64);
            assertThat(r.fullName()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(types).contains(r.type());
            assertThat(brackets).contains(r.incomeBracket());
            if (r.preferredChannel() != null) {
                assertThat(channels).contains(r.preferredChannel());
            }
            if (r.phone() != null) {
                assertThat(e164.matcher(r.phone()).matches()).as(r.phone()).isTrue();
            }
            if (r.email() != null) {
                assertThat(r.email()).matches("[a-z.]+\\.[0-9]+@example\\.org").hasSizeLessThanOrEqualTo(254);
            }
            if ("INDIVIDUAL".equals(r.type())) {
                assertThat(Period.between(r.birthDate(), TODAY).getYears()).isGreaterThanOrEqualTo(14);
            } else {
                assertThat(r.birthDate()).isNull();
            }
            assertThat(r.customerSince()).isBeforeOrEqualTo(TODAY);
        }
        assertThat(refs).doesNotHaveDuplicates();
    }

    @Test
    void productsAndFinancialsKeepClientServiceRules() throws IOException {
        List<String> products = enumConstants("client-service/src/main/java/org/bankcrm/client/domain/ProductType.java");
        assertThat(Vocabulary.PRODUCT_TYPES).containsExactlyInAnyOrderElementsOf(products);
        for (DemoClient c : bank) {
            long premium = c.products().stream().filter(p -> p.type().equals("PREMIUM_PACKAGE")).count();
            assertThat(premium).isLessThanOrEqualTo(1); // crm.client.products.only-once
            for (Payloads.OpenProduct p : c.products()) {
                assertThat(products).contains(p.type());
                assertThat(p.openedAt()).isBeforeOrEqualTo(TODAY).isAfterOrEqualTo(c.registration().customerSince());
                if (p.balance() != null) {
                    assertThat(p.balance().scale()).isEqualTo(2);
                }
            }
            for (Payloads.RecordFinancials m : c.financials()) {
                assertThat(m.month()).isBeforeOrEqualTo(YearMonth.from(TODAY));
                assertThat(m.costToServe()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
                assertThat(m.transactionAmount()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
                assertThat(m.transactionCount()).isNotNegative();
                assertThat(m.revenue().scale()).isEqualTo(2);
            }
            assertThat(c.financials().stream().map(Payloads.RecordFinancials::month).distinct()).hasSize(12);
        }
    }

    @Test
    void monthsAndDatesAreWrittenAsTheApisReadThem() {
        Payloads.RecordFinancials month = bank.get(0).financials().get(11);
        String json = CrmApi.write(month);
        assertThat(json).contains("\"month\":\"" + YearMonth.from(TODAY) + "\"").contains("\"transactionCount\":");
        assertThat(CrmApi.write(bank.get(0).registration())).containsPattern("\"customerSince\":\"\\d{4}-\\d{2}-\\d{2}\"");
    }

    @Test
    void ingestRecordsAreCloudEventsKeyedByTheClient() {
        UUID client = UUID.randomUUID();
        Payloads.Touchpoint t = bank.stream().flatMap(c -> c.touchpoints().stream()).filter(TouchpointIngest::viaTopic)
                .findFirst().orElseThrow().forClient(client);
        ProducerRecord<String, String> record = TouchpointIngest.record(t, UUID.randomUUID(), PopulationGeneratorTest.NOW);
        assertThat(record.topic()).isEqualTo("crm.touchpoint.ingest.v1");
        assertThat(record.key()).isEqualTo(client.toString());
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", "crm.touchpoint.submitted")
                .containsEntry("ce_subject", client.toString()).containsEntry("content-type", "application/json")
                .containsKeys("ce_id", "ce_source", "ce_time");
        assertThat(record.value()).contains("\"clientId\":\"" + client + "\"");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PayloadContractTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The constants of a Java enum source file of a service. */
    static List<String> enumConstants(String relative) throws IOException {
        Path file = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), relative + " is not in this checkout");
        String source = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher m = Pattern.compile("enum\\s+\\w+\\s*\\{([^;}]*)").matcher(source);
        assertThat(m.find()).as("an enum in " + relative).isTrue();
        List<String> constants = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String name = part.trim().replaceAll("\\(.*", "");
            if (!name.isEmpty()) {
                constants.add(name);
            }
        }
        return constants;
    }

    /** A string constant of a service's source, e.g. the E.164 pattern of client-service's request records. */
    static String constant(String relative, String name) throws IOException {
        Path file = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), relative + " is not in this checkout");
        Matcher m = Pattern.compile(name + "\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(Files.readString(file));
        assertThat(m.find()).as(name + " in " + relative).isTrue();
        return m.group(1).replace("\\\\", "\\");
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("interaction-service"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }
}
