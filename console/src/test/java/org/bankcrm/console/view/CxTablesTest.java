package org.bankcrm.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class CxTablesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachCodeIsARowWithItsCountPerMonthTheMostFirstAndAMonthWithoutItZero() throws Exception {
        var months = JSON.readTree("""
                [{"month": "2026-10", "byCauseDetail": {"FEES": {"count": 2, "bankCaused": 2}, "OUTAGE": {"count": 1, "bankCaused": 0}},
                  "byChannel": {"BRANCH": {"negativeExperiences": {"bankCaused": 2}}}, "byCause": {"BANK": {"negative": 2}}},
                 {"month": "2026-11", "byCauseDetail": {"WAITING_TIME": {"count": 3, "bankCaused": 3}},
                  "byChannel": {"CHAT": {"negativeExperiences": {"bankCaused": 3}}}, "byCause": {"BANK": {"negative": 3}, "CLIENT": {"negative": 1}}}]
                """);
        assertThat(CxTables.bankCausedByCauseDetail(months)).containsExactly(
                new CxTables.Row("WAITING_TIME", List.of(0L, 3L), 3), new CxTables.Row("FEES", List.of(2L, 0L), 2));
        assertThat(CxTables.bankCausedByChannel(months)).extracting(CxTables.Row::code).containsExactly("CHAT", "BRANCH");
        assertThat(CxTables.negativesByCause(months)).containsExactly(
                new CxTables.Row("BANK", List.of(2L, 3L), 5), new CxTables.Row("CLIENT", List.of(0L, 1L), 1));
    }

    @Test
    void anOfferRowJoinsTheCatalogueItsAnswersAndItsModel() throws Exception {
        var offers = JSON.readTree("""
                [{"id": "b", "code": "APOLOGY", "name": "Apology", "category": "SERVICE_RECOVERY", "active": true},
                 {"id": "a", "code": "SAVINGS_ACCOUNT", "name": "Savings", "category": "SALES", "active": true},
                 {"id": "c", "code": "UNREAD", "name": "A model not read", "category": "SERVICE_RECOVERY", "active": true}]
                """);
        var byOffer = JSON.readTree("""
                [{"key": "SAVINGS_ACCOUNT", "category": "SALES", "responses": 4, "accepted": 1, "rate": 0.25,
                  "uplift": {"treatedResponses": 40, "controlResponses": 30, "enoughData": true, "uplift": 0.2,
                             "lower": 0.0035, "upper": 0.3676}},
                 {"key": "APOLOGY", "category": "SERVICE_RECOVERY", "responses": 0, "accepted": 0,
                  "uplift": {"treatedResponses": 0, "controlResponses": 0, "enoughData": false, "uplift": null}}]
                """);
        var model = JSON.readTree("""
                {"observations": 40, "monitoring": {"answers": 40, "auc": 0.71, "brier": 0.2, "meanExpected": 0.3, "observedRate": 0.25,
                 "drift": [{"feature": "age", "shift": 0.4}, {"feature": "income", "shift": 0.1}]}}
                """);
        var unmoved = JSON.readTree("""
                {"observations": 0, "monitoring": {"answers": 0, "drift": [{"feature": "bias", "shift": 0.0}]}}
                """);
        var rows = OfferCatalogue.rows(offers, byOffer, Map.of("a", model, "b", unmoved));
        assertThat(rows).extracting(OfferCatalogue.Row::code).containsExactly("SAVINGS_ACCOUNT", "APOLOGY", "UNREAD"); // answered first
        var savings = rows.get(0);
        assertThat(savings.responses()).isEqualTo(4);
        assertThat(savings.acceptance()).isEqualTo(0.25);
        assertThat(savings.observations()).isEqualTo(40);
        assertThat(savings.auc()).isEqualTo(0.71);
        assertThat(savings.calibrationGap()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(savings.driftFeature()).isEqualTo("age");
        assertThat(savings.uplift()).isEqualTo(new OfferCatalogue.Uplift(40, 30, true, 0.2, 0.0035, 0.3676));
        assertThat(rows.get(1).uplift().enoughData()).isFalse();
        assertThat(rows.get(1).uplift().uplift()).isNull();
        assertThat(rows.get(2).uplift()).isEqualTo(new OfferCatalogue.Uplift(0, 0, false, null, null, null));
        var apology = rows.get(1);
        assertThat(apology.responses()).isZero();
        assertThat(apology.acceptance()).isNull();
        assertThat(apology.observations()).isZero();
        assertThat(apology.auc()).isNull();
        assertThat(apology.driftFeature()).isNull(); // nothing moved yet
        var unread = rows.get(2);
        assertThat(unread.observations()).isNull();
        assertThat(unread.monitored()).isNull();
    }
}
