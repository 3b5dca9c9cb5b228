package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static List<DemoClient> bank;
    static PopulationStats stats;
    static BadWeeks bad;

    @BeforeAll
    static void generate() {
        PopulationGenerator generator = new PopulationGenerator(42, NOW);
        bank = generator.generate(4_000);
        bad = generator.badWeeks();
        stats = PopulationStats.of(bank, bad);
    }

    @Test
    void theSameSeedGivesTheSameBankAndAnotherSeedAnotherOne() {
        String once = CrmApi.write(new PopulationGenerator(7, NOW).generate(200));
        String again = CrmApi.write(new PopulationGenerator(7, NOW).generate(200));
        String other = CrmApi.write(new PopulationGenerator(8, NOW).generate(200));
        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    @Test
    void aBiggerBankBeginsWithTheSameClients() {
        List<DemoClient> small = new PopulationGenerator(42, NOW).generate(50);
        assertThat(CrmApi.write(small)).isEqualTo(CrmApi.write(bank.subList(0, 50)));
    }

    @Test
    void whoTheClientsAreIsInRealisticProportions() {
        assertThat(stats.shares.get("business clients")).isBetween(0.05, 0.11);
        assertThat(stats.shares.get("age 65+")).isBetween(0.15, 0.26);
        assertThat(stats.shares.get("age 18-24")).isBetween(0.06, 0.13);
        assertThat(stats.shares.get("income LOW")).isBetween(0.25, 0.38);
        assertThat(stats.shares.get("income HIGH")).isBetween(0.05, 0.12);
        assertThat(stats.consentOptIn.get("marketingEmail")).isBetween(0.35, 0.50);
        assertThat(stats.consentOptIn.get("marketingPhone")).isBetween(0.14, 0.27);
        assertThat(stats.consentOptIn.get("profiling")).isBetween(0.50, 0.70);
    }

    @Test
    void productsGoTogetherAsInARetailBank() {
        assertThat(stats.productHolding.get("CURRENT_ACCOUNT")).isBetween(0.94, 0.995);
        assertThat(stats.productHolding.get("DEBIT_CARD")).isBetween(0.80, 0.93);
        assertThat(stats.productHolding.get("MORTGAGE")).isBetween(0.08, 0.18);
        assertThat(stats.productHolding.get("PREMIUM_PACKAGE")).isBetween(0.02, 0.09);
        assertThat(stats.productsPerClient).isBetween(2.5, 4.0);
        assertThat(stats.mortgageHoldersWithInsurance).isGreaterThan(0.55);
        // a debit card comes with a current account
        assertThat(bank).allSatisfy(c -> assertThat(!c.profile().holds("DEBIT_CARD") || c.profile().holds("CURRENT_ACCOUNT")).isTrue());
        // mortgages for young families, not for students; investments rise with income
        assertThat(share(c -> age(c, 28, 42) && !"LOW".equals(c.profile().incomeBracket()), "MORTGAGE"))
                .isGreaterThan(3 * share(c -> age(c, 18, 24), "MORTGAGE"));
        assertThat(share(c -> "HIGH".equals(c.profile().incomeBracket()), "INVESTMENT_FUND"))
                .isGreaterThan(3 * share(c -> "LOW".equals(c.profile().incomeBracket()), "INVESTMENT_FUND"));
        assertThat(share(c -> age(c, 60, 99), "TERM_DEPOSIT")).isGreaterThan(1.5 * share(c -> age(c, 18, 40), "TERM_DEPOSIT"));
    }

    @Test
    void financialsFollowWhatIsHeldAndEarned() {
        assertThat(stats.profitableShare).isBetween(0.5, 0.85);
        assertThat(bank).allSatisfy(c -> assertThat(c.financials()).hasSize(12));
        double mortgageRevenue = meanRevenue(c -> c.profile().holds("MORTGAGE"));
        double plainRevenue = meanRevenue(c -> c.products().size() <= 2);
        assertThat(mortgageRevenue).isGreaterThan(3 * plainRevenue);
        // a leaving client's balance falls over the last months
        DemoClient leaving = bank.stream().filter(c -> c.leaving() && c.financials().get(7).averageBalance().signum() > 0)
                .findFirst().orElseThrow();
        assertThat(leaving.financials().get(11).averageBalance()).isLessThan(leaving.financials().get(7).averageBalance());
    }

    @Test
    void touchpointsHaveRealisticMixesAndOrder() {
        assertThat(stats.touchpointsPerClient).isBetween(2.0, 6.0);
        assertThat(stats.shares.get("negative experiences outside the bad weeks")).isBetween(0.08, 0.18);
        assertThat(stats.shares.get("negative experiences caused by the bank")).isBetween(0.55, 0.85);
        assertThat(stats.channelMix.get("MOBILE_APP")).isBetween(0.2, 0.4);
        assertThat(stats.channelMix.get("BRANCH")).isBetween(0.1, 0.3);
        assertThat(stats.typeMix.get("COMPLAINT")).isBetween(0.03, 0.09);
        for (DemoClient c : bank) {
            List<Payloads.Touchpoint> t = c.touchpoints();
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i).occurredAt()).isAfterOrEqualTo(t.get(i - 1).occurredAt());
            }
            assertThat(t).allSatisfy(p -> assertThat(p.occurredAt()).isBefore(NOW).isAfterOrEqualTo(NOW.minus(Duration.ofDays(57))));
        }
    }

    /** What CxFindingRules would flag, computed here from the generated touchpoints (last 28 days against the 28 before). */
    @Test
    void theBadWeeksStandOutInTheCxFindingsPeriod() {
        Instant cut = NOW.minus(Duration.ofDays(28));
        List<Payloads.Touchpoint> all = bank.stream().flatMap(c -> c.touchpoints().stream()).toList();
        Predicate<Payloads.Touchpoint> recent = t -> !t.occurredAt().isBefore(cut);
        assertThat(count(all, recent, "OUTAGE")).isGreaterThan(3 * count(all, recent.negate(), "OUTAGE"));
        assertThat(count(all, recent, "WAITING_TIME")).isGreaterThan(count(all, recent.negate(), "WAITING_TIME"));
        double csatNow = csat(all, recent, "MOBILE_APP");
        double csatBefore = csat(all, recent.negate(), "MOBILE_APP");
        assertThat(csatBefore - csatNow).isGreaterThan(0.3); // crm.interaction.findings.csat-drop
        assertThat(stats.queueTouchpoints).isPositive();
        assertThat(all.stream().filter(t -> t.notes() != null && t.notes().startsWith("Queue"))
                .allMatch(t -> bad.queues(t.occurredAt(), 1) && t.employeeId().startsWith("BR01"))).isTrue();
    }

    private static long count(List<Payloads.Touchpoint> all, Predicate<Payloads.Touchpoint> when, String causeDetail) {
        return all.stream().filter(when).filter(t -> "BANK".equals(t.cause()) && "NEGATIVE".equals(t.valence())
                && causeDetail.equals(t.causeDetail())).count();
    }

    private static double csat(List<Payloads.Touchpoint> all, Predicate<Payloads.Touchpoint> when, String channel) {
        return all.stream().filter(when).filter(t -> channel.equals(t.channel()) && t.csat() != null)
                .mapToInt(Payloads.Touchpoint::csat).average().orElseThrow();
    }

    private static boolean age(DemoClient c, int from, int to) {
        return c.profile().age() != null && c.profile().age() >= from && c.profile().age() <= to;
    }

    private static double share(Predicate<DemoClient> group, String product) {
        List<DemoClient> members = bank.stream().filter(group).toList();
        return members.stream().filter(c -> c.profile().holds(product)).count() / (double) members.size();
    }

    private static double meanRevenue(Predicate<DemoClient> group) {
        return bank.stream().filter(group).flatMap(c -> c.financials().stream())
                .mapToDouble(m -> m.revenue().doubleValue()).average().orElseThrow();
    }
}
