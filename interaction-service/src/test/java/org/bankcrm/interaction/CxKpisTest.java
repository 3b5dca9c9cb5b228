package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.bankcrm.interaction.app.CxKpiSnapshots;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * GET /api/v1/kpis and /kpis/monthly on touchpoints of 2018 (no other test records there): the expected figures are
 * computed here, from the touchpoints sent, by the definitions of docs/kpis.md (journeys included: a resolving contact
 * closes its client's journey on the need, a journey left unresolved closes as abandoned 14 days after its last contact).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CxKpisTest {
    static final YearMonth JAN = YearMonth.of(2018, 1), FEB = YearMonth.of(2018, 2), MAR = YearMonth.of(2018, 3);
    static final Duration JOURNEY_WINDOW = Duration.ofDays(14);

    /** One touchpoint sent: client index, time, channel, need, outcome, valence, cause, cause detail, CSAT, NPS. */
    record Tp(int client, String at, String channel, String need, String outcome, String valence, String cause, String detail,
            Integer csat, Integer nps) {
        YearMonth month() {
            return YearMonth.from(Instant.parse(at).atZone(ZoneOffset.UTC));
        }
    }

    static final List<Tp> SENT = List.of(
            new Tp(1, "2018-01-10T09:00:00Z", "BRANCH", "CARDS", "RESOLVED", "POSITIVE", null, null, 5, 10),
            new Tp(2, "2018-01-15T10:00:00Z", "CALL_CENTER", "LENDING", "UNRESOLVED", "NEGATIVE", "BANK", "WAITING_TIME", 2, 3),
            new Tp(2, "2018-01-17T10:00:00Z", "CALL_CENTER", "LENDING", "RESOLVED", "NEUTRAL", null, null, 3, 7),
            new Tp(3, "2018-02-03T10:00:00Z", "MOBILE_APP", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "CLIENT", null, null, null),
            new Tp(3, "2018-02-05T10:00:00Z", "MOBILE_APP", "PAYMENTS", "RESOLVED", "POSITIVE", null, null, 4, 9),
            new Tp(4, "2018-02-10T10:00:00Z", "BRANCH", "CARDS", "RESOLVED", "NEGATIVE", "BANK", "FEES", 1, 0),
            new Tp(5, "2018-02-11T10:00:00Z", "CALL_CENTER", "CARDS", "RESOLVED", "NEGATIVE", "BANK", "WAITING_TIME", 2, 6),
            // never resolved: abandoned on 2018-03-06, so its journey counts in March
            new Tp(6, "2018-02-20T10:00:00Z", "CALL_CENTER", "SAVINGS", "UNRESOLVED", "NEGATIVE", "BANK", "STAFF", 1, 2),
            new Tp(1, "2018-02-25T10:00:00Z", "CHAT", "SAVINGS", "RESOLVED", "NEGATIVE", "THIRD_PARTY", "OUTAGE", 3, 8),
            new Tp(2, "2018-03-02T10:00:00Z", "BRANCH", "CARDS", "RESOLVED", "POSITIVE", null, null, 5, 10));

    private static List<String> clients;

    @Inject
    CxKpiSnapshots snapshots;

    static synchronized void history() {
        if (clients != null) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (int i = 0; i <= 7; i++) {
            known.add(TestClients.known());
        }
        SENT.forEach(t -> record(known, t));
        clients = known;
        // the sweep closes the abandoned journey (its last contact is long past)
        await().atMost(Duration.ofSeconds(30)).until(() -> kpis("from", MAR.toString(), "to", MAR.toString())
                .getLong("months[0].total.firstContactResolution.journeysClosed") == journeys(SENT, MAR, j -> true).size());
    }

    static void record(List<String> known, Tp t) {
        InteractionRecordingTest.post(TestClients.touchpoint(UUID.randomUUID().toString(), known.get(t.client()), "occurredAt",
                t.at(), "channel", t.channel(), "need", t.need(), "outcome", t.outcome(), "valence", t.valence(), "cause",
                t.cause(), "causeDetail", t.detail(), "csat", t.csat(), "nps", t.nps()), 201);
    }

    static JsonPath kpis(String... query) {
        return get("/api/v1/kpis", query);
    }

    static JsonPath monthly(String... query) {
        return get("/api/v1/kpis/monthly", query);
    }

    private static JsonPath get(String path, String... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get(path).then().statusCode(200).extract().jsonPath();
    }

    /** A closed journey as the test predicts it: first channel, need, month closed, first contact resolved it, resolved. */
    record Closed(String firstChannel, String need, YearMonth month, boolean fcr, boolean resolved) {
    }

    /** The journeys the touchpoints make (one client, one need; no two of them within the repeat window here). */
    static List<Closed> journeys(List<Tp> sent, YearMonth month, Predicate<Closed> filter) {
        Map<String, List<Tp>> open = new LinkedHashMap<>();
        List<Closed> closed = new ArrayList<>();
        for (Tp t : sent) {
            List<Tp> contacts = open.computeIfAbsent(t.client() + "/" + t.need(), k -> new ArrayList<>());
            contacts.add(t);
            if (t.outcome().equals("RESOLVED")) {
                closed.add(new Closed(contacts.get(0).channel(), t.need(), t.month(), contacts.size() == 1, true));
                contacts.clear();
            }
        }
        open.values().stream().filter(c -> !c.isEmpty()).forEach(c -> {
            Instant abandoned = Instant.parse(c.get(c.size() - 1).at()).plus(JOURNEY_WINDOW);
            closed.add(new Closed(c.get(0).channel(), c.get(0).need(), YearMonth.from(abandoned.atZone(ZoneOffset.UTC)), false, false));
        });
        return closed.stream().filter(j -> j.month().equals(month) && filter.test(j)).toList();
    }

    /** The figures of one month's touchpoints and journeys, by the definitions, checked against the answer at path. */
    static void assertFigures(JsonPath answer, String path, List<Tp> tps, List<Closed> closed) {
        assertThat(answer.getLong(path + ".touchpoints")).as(path).isEqualTo(tps.size());
        List<Integer> csat = tps.stream().filter(t -> t.csat() != null).map(Tp::csat).toList();
        assertThat(answer.getLong(path + ".csat.responses")).isEqualTo(csat.size());
        assertThat(answer.getDouble(path + ".csat.average"))
                .isCloseTo(csat.stream().mapToInt(Integer::intValue).average().orElseThrow(), within(1e-6));
        List<Integer> nps = tps.stream().filter(t -> t.nps() != null).map(Tp::nps).toList();
        long promoters = nps.stream().filter(n -> n >= 9).count(), detractors = nps.stream().filter(n -> n <= 6).count();
        assertThat(answer.getLong(path + ".nps.promoters")).isEqualTo(promoters);
        assertThat(answer.getLong(path + ".nps.detractors")).isEqualTo(detractors);
        assertThat(answer.getDouble(path + ".nps.score")).isCloseTo(100.0 * (promoters - detractors) / nps.size(), within(1e-6));
        long negative = tps.stream().filter(t -> t.valence().equals("NEGATIVE")).count();
        long bank = tps.stream().filter(t -> t.valence().equals("NEGATIVE") && "BANK".equals(t.cause())).count();
        assertThat(answer.getLong(path + ".negativeExperiences.count")).isEqualTo(negative);
        assertThat(answer.getLong(path + ".negativeExperiences.bankCaused")).isEqualTo(bank);
        assertThat(answer.getLong(path + ".firstContactResolution.journeysClosed")).isEqualTo(closed.size());
        long fcr = closed.stream().filter(Closed::fcr).count(), resolved = closed.stream().filter(Closed::resolved).count();
        assertThat(answer.getLong(path + ".firstContactResolution.resolvedAtFirstContact")).isEqualTo(fcr);
        if (closed.isEmpty()) {
            assertThat((Object) answer.get(path + ".firstContactResolution.rate")).isNull();
            assertThat((Object) answer.get(path + ".needMetShare")).isNull();
        } else {
            assertThat(answer.getDouble(path + ".firstContactResolution.rate")).isCloseTo((double) fcr / closed.size(), within(1e-6));
            assertThat(answer.getDouble(path + ".needMetShare")).isCloseTo((double) resolved / closed.size(), within(1e-6));
        }
    }

    static List<Tp> in(YearMonth month, Predicate<Tp> filter) {
        return SENT.stream().filter(t -> t.month().equals(month) && filter.test(t)).toList();
    }

    @Test
    @Order(1)
    void eachMonthCarriesItsCsatNpsFcrNeedMetAndNegativesByChannelNeedAndCause() {
        history();
        JsonPath k = kpis("from", JAN.toString(), "to", MAR.toString());
        assertThat(k.getList("months.month")).containsExactly("2018-01", "2018-02", "2018-03");
        List<YearMonth> months = List.of(JAN, FEB, MAR);
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = months.get(i);
            assertFigures(k, "months[" + i + "].total", in(m, t -> true), journeys(SENT, m, j -> true));
            for (String channel : List.of("BRANCH", "CALL_CENTER")) {
                if (!in(m, t -> t.channel().equals(channel)).isEmpty()) {
                    assertFigures(k, "months[" + i + "].byChannel." + channel, in(m, t -> t.channel().equals(channel)),
                            journeys(SENT, m, j -> j.firstChannel().equals(channel)));
                }
            }
            for (String need : List.of("CARDS", "PAYMENTS")) {
                if (!in(m, t -> t.need().equals(need)).isEmpty()) {
                    assertFigures(k, "months[" + i + "].byNeed." + need, in(m, t -> t.need().equals(need)),
                            journeys(SENT, m, j -> j.need().equals(need)));
                }
            }
        }
        // February's negatives by who caused them, and the bank-caused ones by cause detail
        long febNegatives = in(FEB, t -> t.valence().equals("NEGATIVE")).size();
        for (String cause : List.of("BANK", "CLIENT", "THIRD_PARTY")) {
            long n = in(FEB, t -> t.valence().equals("NEGATIVE") && cause.equals(t.cause())).size();
            assertThat(k.getLong("months[1].byCause." + cause + ".negative")).as(cause).isEqualTo(n);
            assertThat(k.getDouble("months[1].byCause." + cause + ".shareOfNegative")).isCloseTo((double) n / febNegatives, within(1e-6));
        }
        for (String detail : List.of("WAITING_TIME", "FEES", "STAFF")) {
            assertThat(k.getLong("months[1].byCauseDetail." + detail + ".bankCaused"))
                    .isEqualTo(in(FEB, t -> detail.equals(t.detail()) && "BANK".equals(t.cause())).size());
        }
        assertThat(k.getLong("months[1].byCauseDetail.OUTAGE.bankCaused")).isZero();
        assertThat(k.getLong("months[1].byCauseDetail.OUTAGE.count")).isEqualTo(1);
        // the range in all
        assertThat(k.getLong("total.touchpoints")).isEqualTo(SENT.size());
        assertThat(k.getLong("byCause.BANK.negative")).isEqualTo(SENT.stream().filter(t -> "BANK".equals(t.cause())).count());
    }

    @Test
    @Order(2)
    void eachMonthsFindingsCompareItWithTheMonthBefore() {
        history();
        JsonPath k = kpis("from", JAN.toString(), "to", FEB.toString());
        // February against January: STAFF and FEES new (rising, one each), WAITING_TIME one in each (steady)
        assertThat(k.getList("months[1].findings.bankCausedNegativeCauses.causeDetail"))
                .containsExactly("STAFF", "FEES", "WAITING_TIME");
        assertThat(k.getList("months[1].findings.bankCausedNegativeCauses.trend")).containsExactly("RISING", "RISING", "STEADY");
        // the call centre's CSAT fell from (2 + 3) / 2 to (2 + 1) / 2 on two answers each (the test's minimum)
        double jan = in(JAN, t -> t.channel().equals("CALL_CENTER")).stream().mapToInt(Tp::csat).average().orElseThrow();
        double feb = in(FEB, t -> t.channel().equals("CALL_CENTER")).stream().mapToInt(Tp::csat).average().orElseThrow();
        assertThat(k.getList("months[1].findings.fallingCsatChannels.channel")).containsExactly("CALL_CENTER");
        assertThat(k.getDouble("months[1].findings.fallingCsatChannels[0].drop")).isCloseTo(jan - feb, within(1e-6));
        assertThat(k.getList("months[1].findings.highRepeatContactNeeds")).isEmpty();
        // January against an empty December: its one bank-caused cause is rising
        assertThat(k.getList("months[0].findings.bankCausedNegativeCauses.causeDetail")).containsExactly("WAITING_TIME");
    }

    @Test
    @Order(3)
    void channelNeedAndCauseNarrowEveryFigure() {
        history();
        String feb = FEB.toString();
        assertFigures(kpis("from", feb, "to", feb, "channel", "CALL_CENTER"), "months[0].total",
                in(FEB, t -> t.channel().equals("CALL_CENTER")), journeys(SENT, FEB, j -> j.firstChannel().equals("CALL_CENTER")));
        assertFigures(kpis("from", feb, "to", feb, "need", "CARDS"), "months[0].total",
                in(FEB, t -> t.need().equals("CARDS")), journeys(SENT, FEB, j -> j.need().equals("CARDS")));
        // journeys have no cause: under a cause, first-contact resolution and need met have no base
        JsonPath bank = kpis("from", feb, "to", feb, "cause", "BANK");
        assertFigures(bank, "months[0].total", in(FEB, t -> "BANK".equals(t.cause())), List.of());
        assertThat(bank.getString("cause")).isEqualTo("BANK");
        JsonPath both = kpis("from", feb, "to", feb, "channel", "CALL_CENTER", "cause", "BANK");
        assertThat(both.getLong("months[0].total.touchpoints"))
                .isEqualTo(in(FEB, t -> t.channel().equals("CALL_CENTER") && "BANK".equals(t.cause())).size());
    }

    @Test
    @Order(4)
    void badFiltersAreA400NamingTheParameter() {
        bad("from", "2018-13");
        bad("to", "soon");
        bad("to", YearMonth.now().plusMonths(1).toString());
        bad("from", "1999-12");
        bad("channel", "PIGEON");
        bad("need", "LOVE");
        bad("cause", "FATE");
        given().queryParam("from", "2018-03").queryParam("to", "2018-01").when().get("/api/v1/kpis/monthly")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
    }

    private static void bad(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter));
    }

    /** Last: it changes the history. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theClosedMonthIsWrittenOnceAndKeepsItsFiguresWhenTouchpointsArriveLater() {
        history();
        List<Boolean> taken = Uni.combine().all().unis(snapshots.take(FEB), snapshots.take(FEB)).with(Boolean.class, List::copyOf)
                .await().atMost(Duration.ofSeconds(60));
        assertThat(taken).containsExactlyInAnyOrder(true, false);
        assertThat(snapshots.take(FEB).await().atMost(Duration.ofSeconds(60))).isFalse();
        assertThat(snapshots.take(JAN).await().atMost(Duration.ofSeconds(60))).isTrue();

        // a touchpoint reported late, dated into February
        Tp late = new Tp(7, "2018-02-27T10:00:00Z", "CALL_CENTER", "CARDS", "RESOLVED", "NEGATIVE", "BANK", "ERROR", 1, 1);
        record(clients, late);
        String feb = FEB.toString();
        assertThat(kpis("from", feb, "to", feb).getLong("months[0].total.touchpoints")).isEqualTo(in(FEB, t -> true).size() + 1);

        JsonPath m = monthly("from", JAN.toString(), "to", MAR.toString());
        assertThat(m.getList("months.month")).containsExactly("2018-01", "2018-02"); // March not taken
        assertThat(m.getString("months[1].takenAt")).isNotNull();
        assertFigures(m, "months[1].total", in(FEB, t -> true), journeys(SENT, FEB, j -> true));
        assertThat((Object) m.get("months[0].findings")).isNull(); // December was not taken
        assertThat(m.getList("months[1].findings.bankCausedNegativeCauses.causeDetail")).containsExactly("STAFF", "FEES", "WAITING_TIME");
        assertFigures(monthly("from", feb, "to", feb, "channel", "CALL_CENTER"), "months[0].total",
                in(FEB, t -> t.channel().equals("CALL_CENTER")), journeys(SENT, FEB, j -> j.firstChannel().equals("CALL_CENTER")));
    }
}
