package org.bankcrm.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class KpiSeriesTest {

    @Test
    void eachChartHasTheMonthsOnTheAxisAndAGapWhereTheServiceHasNoFigure() throws Exception {
        var months = new ObjectMapper().readTree("""
                [{"month": "2026-10", "crossSellRatio": 1.33, "secondProductShare": 0.3333, "funds": 3500.00, "averageFunds": 1166.67,
                  "productsOpened": 4, "productsClosed": 0},
                 {"month": "2026-11", "crossSellRatio": null, "secondProductShare": null, "funds": 0, "averageFunds": null,
                  "productsOpened": 0, "productsClosed": 2},
                 {"month": "not a month", "funds": 1}]
                """);
        KpiSeries series = KpiSeries.of(months);
        assertThat(series.isEmpty()).isFalse();
        // 2026-10-01 and 2026-11-01 at midnight UTC
        assertThat(series.crossSell()).isEqualTo("[[1790812800,1793491200],[1.33,null],[33.33,null]]");
        assertThat(series.funds()).isEqualTo("[[1790812800,1793491200],[3500.00,0.00],[1166.67,null]]");
        assertThat(series.productFlows()).isEqualTo("[[1790812800,1793491200],[4.00,0.00],[0.00,2.00]]");
    }

    @Test
    void theLoyaltyAndOfferChartsReadTheirNestedFiguresInPercent() throws Exception {
        var loyalty = new ObjectMapper().readTree("""
                [{"month": "2026-10", "churn": {"observedRate": 0.3333, "predictedMonthlyRate": 0.0331}},
                 {"month": "2026-11", "churn": {"observedRate": null, "predictedMonthlyRate": null}}]
                """);
        assertThat(KpiSeries.of(loyalty).churn()).isEqualTo("[[1790812800,1793491200],[33.33,null],[3.31,null]]");
        assertThat(KpiSeries.of(loyalty).churnHasFigures()).isTrue();
        // clients first scored this month: no risk was held at any month's start, no rate has a base
        var fresh = new ObjectMapper().readTree("""
                [{"month": "2026-11", "churn": {"observedRate": null, "predictedMonthlyRate": null}}]
                """);
        assertThat(KpiSeries.of(fresh).churnHasFigures()).isFalse();
        var offers = new ObjectMapper().readTree("""
                [{"month": "2026-10", "acceptanceRate": 0.5, "uplift": {"uplift": -0.1667}}]
                """);
        assertThat(KpiSeries.of(offers).offers()).isEqualTo("[[1790812800],[50.00],[-16.67]]");
    }

    @Test
    void theCxChartsReadInteractionServicesMonthTotals() throws Exception {
        var cx = new ObjectMapper().readTree("""
                [{"month": "2026-10", "total": {"csat": {"average": 3.25}, "nps": {"score": -40.0},
                  "firstContactResolution": {"rate": 0.75}, "needMetShare": 1.0,
                  "negativeExperiences": {"count": 5, "bankCaused": 3}}},
                 {"month": "2026-11", "total": {"csat": {"average": null}, "nps": {"score": null},
                  "firstContactResolution": {"rate": null}, "needMetShare": null,
                  "negativeExperiences": {"count": 0, "bankCaused": 0}}}]
                """);
        KpiSeries series = KpiSeries.of(cx);
        assertThat(series.satisfaction()).isEqualTo("[[1790812800,1793491200],[3.25,null],[-40.00,null]]");
        assertThat(series.resolution()).isEqualTo("[[1790812800,1793491200],[75.00,null],[100.00,null]]");
        assertThat(series.negatives()).isEqualTo("[[1790812800,1793491200],[5.00,0.00],[3.00,0.00]]");
    }

    @Test
    void noMonthsIsAnEmptySeries() throws Exception {
        assertThat(KpiSeries.of(new ObjectMapper().readTree("[]")).isEmpty()).isTrue();
    }
}
