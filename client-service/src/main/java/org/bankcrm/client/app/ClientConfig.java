package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.LifeStage;
import org.bankcrm.client.domain.OneOfAKindProducts;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.ValueRules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a bank tunes in client-service ({@code crm.client.*}); documented in the service README. */
@ConfigMapping(prefix = "crm.client")
public interface ClientConfig {

    Products products();

    Value value();

    Search search();

    Kpi kpi();

    /** Whether PUT and PATCH of a client need an If-Match header (428 without one). */
    @WithDefault("false")
    boolean requireIfMatch();

    interface Search {
        /** The total of a search is counted exactly up to this many matches and estimated beyond (totalExact=false). */
        @WithDefault("10000")
        long countLimit();
    }

    /** The monthly snapshot of the analytical KPIs (KpiSnapshots). */
    interface Kpi {
        Snapshot snapshot();

        interface Snapshot {
            /** Quarkus cron (UTC), "off" to disable: daily, so a missed day is made up; the closed month is written once. */
            @WithDefault("0 30 2 * * ?")
            String cron();
        }
    }

    interface Products {
        /** Product types a client may hold only once at a time. */
        @WithDefault("PREMIUM_PACKAGE")
        Set<ProductType> onlyOnce();
    }

    interface Value {
        @WithDefault("12")
        int trailingMonths();

        @WithDefault("0")
        BigDecimal profitableAbove();

        @WithDefault("50")
        double highPotentialFrom();

        Weights weights();

        /** 0-1 per income bracket (keys LOW, MIDDLE, UPPER_MIDDLE, HIGH). */
        Map<String, Double> incomeScores();

        @WithDefault("0.4")
        double unknownIncomeScore();

        /** 0-1 per life stage (keys STARTING, BUILDING, PEAK, PRE_RETIREMENT, RETIRED, BUSINESS, UNKNOWN). */
        Map<String, Double> lifeStageScores();

        @WithDefault("3")
        int balanceTrendMonths();

        @WithDefault("CURRENT_ACCOUNT,DEBIT_CARD,SAVINGS_ACCOUNT,INSURANCE")
        Set<ProductType> baselineProducts();

        @WithDefault("5")
        int delightMinTenureYears();

        @WithDefault("3")
        int delightMinProducts();

        @WithDefault("2.0")
        double serviceLevelCostRatio();

        Recompute recompute();
    }

    /** The recomputation of every client's value (ValueRecomputation). */
    interface Recompute {
        /** Quarkus cron (UTC), "off" to disable: by default 02:00 on the 1st of each month. */
        @WithDefault("0 0 2 1 * ?")
        String cron();

        /** Clients per transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    interface Weights {
        @WithDefault("0.35")
        double income();

        @WithDefault("0.25")
        double lifeStage();

        @WithDefault("0.20")
        double productGap();

        @WithDefault("0.20")
        double balanceTrend();
    }

    default OneOfAKindProducts oneOfAKindProducts() {
        return new OneOfAKindProducts(products().onlyOnce().isEmpty() ? EnumSet.noneOf(ProductType.class)
                : EnumSet.copyOf(products().onlyOnce()));
    }

    default ValueRules valueRules() {
        Value v = value();
        Map<IncomeBracket, Double> income = new EnumMap<>(IncomeBracket.class);
        v.incomeScores().forEach((k, s) -> income.put(IncomeBracket.valueOf(k), s));
        Map<LifeStage, Double> stages = new EnumMap<>(LifeStage.class);
        v.lifeStageScores().forEach((k, s) -> stages.put(LifeStage.valueOf(k), s));
        return new ValueRules(v.trailingMonths(), v.profitableAbove(), v.highPotentialFrom(), v.weights().income(),
                v.weights().lifeStage(), v.weights().productGap(), v.weights().balanceTrend(), income, v.unknownIncomeScore(),
                stages, v.balanceTrendMonths(), EnumSet.copyOf(v.baselineProducts()), v.delightMinTenureYears(),
                v.delightMinProducts(), v.serviceLevelCostRatio());
    }
}
