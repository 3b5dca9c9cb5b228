package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientFeaturesTest {
    static final Instant FRIDAY_IN_MARCH = Instant.parse("2026-03-13T10:00:00Z");

    static double feature(double[] x, String name) {
        return x[ClientFeatures.NAMES.indexOf(name)];
    }

    static double[] with(OfferContacts contacts) {
        return ClientFeatures.of(Fixtures.client(), Channel.BRANCH, false, contacts, FRIDAY_IN_MARCH, 365);
    }

    @Test
    void theNewFeaturesAreAppendedAfterTheClientFeaturesSoOlderModelsMapByName() {
        assertThat(ClientFeatures.NAMES.indexOf("offerContacts30d")).isEqualTo(ClientFeatures.NAMES.indexOf("assistedChannel") + 1);
        assertThat(ClientFeatures.NAMES).doesNotHaveDuplicates();
        assertThat(with(OfferContacts.NEVER)).hasSize(ClientFeatures.SIZE);
    }

    @Test
    void contactCountsGrowOnALogScaleAndStopAtTheScale() {
        assertThat(feature(with(new OfferContacts(0, 0, 0, 0, null, null, null)), "offerContacts30d")).isZero();
        double one = feature(with(new OfferContacts(1, 1, 1, 1, 3L, OfferResponse.Outcome.IGNORED, null)), "offerContacts30d");
        double three = feature(with(new OfferContacts(3, 3, 3, 3, 3L, OfferResponse.Outcome.IGNORED, null)), "offerContacts30d");
        assertThat(one).isGreaterThan(0).isLessThan(three);
        assertThat(ClientFeatures.contactCount(3) - ClientFeatures.contactCount(2)).as("the third contact adds less than the first")
                .isLessThan(one);
        assertThat(feature(with(new OfferContacts(50, 50, 50, 50, 1L, null, null)), "offerContacts30d")).isEqualTo(1.0);
    }

    @Test
    void offerAndCategoryCountsFor30And90DaysGoToTheirOwnFeatures() {
        double[] x = with(new OfferContacts(0, 1, 2, 20, 40L, OfferResponse.Outcome.DECLINED, Channel.BRANCH));
        assertThat(feature(x, "offerContacts30d")).isZero();
        assertThat(feature(x, "offerContacts90d")).isEqualTo(ClientFeatures.contactCount(1));
        assertThat(feature(x, "categoryContacts30d")).isEqualTo(ClientFeatures.contactCount(2));
        assertThat(feature(x, "categoryContacts90d")).isEqualTo(1.0);
    }

    @Test
    void daysSinceTheLastContactAreCappedAndANeverContactedClientIsFlagged() {
        assertThat(feature(with(new OfferContacts(0, 1, 0, 1, 73L, null, null)), "daysSinceLastContact/cap"))
                .isCloseTo(0.2, within(1e-12));
        assertThat(feature(with(new OfferContacts(0, 0, 0, 0, 2000L, null, null)), "daysSinceLastContact/cap")).isEqualTo(1.0);
        assertThat(feature(with(new OfferContacts(0, 0, 0, 0, 2000L, null, null)), "neverContacted")).isZero();
        double[] never = with(OfferContacts.NEVER);
        assertThat(feature(never, "neverContacted")).isEqualTo(1.0);
        assertThat(feature(never, "daysSinceLastContact/cap")).isEqualTo(1.0);
    }

    @Test
    void theLastOutcomeIsOneHotAndNoneWhenNeverContacted() {
        double[] declined = with(new OfferContacts(1, 1, 1, 1, 5L, OfferResponse.Outcome.DECLINED, Channel.EMAIL));
        assertThat(feature(declined, "lastOutcome=DECLINED")).isEqualTo(1.0);
        assertThat(feature(declined, "lastOutcome=ACCEPTED") + feature(declined, "lastOutcome=IGNORED")
                + feature(declined, "lastOutcome=INTERESTED")).isZero();
        double[] never = with(OfferContacts.NEVER);
        for (String outcome : new String[] { "ACCEPTED", "DECLINED", "IGNORED", "INTERESTED" }) {
            assertThat(feature(never, "lastOutcome=" + outcome)).isZero();
        }
    }

    @Test
    void aLastContactOnTheAskingChannelIsFlagged() {
        assertThat(feature(with(new OfferContacts(1, 1, 1, 1, 5L, OfferResponse.Outcome.IGNORED, Channel.BRANCH)),
                "lastContactOnThisChannel")).isEqualTo(1.0);
        assertThat(feature(with(new OfferContacts(1, 1, 1, 1, 5L, OfferResponse.Outcome.IGNORED, Channel.EMAIL)),
                "lastContactOnThisChannel")).isZero();
    }

    @Test
    void theChannelMonthAndWeekdayOfTheDecisionAreOneHot() {
        double[] x = with(OfferContacts.NEVER);
        assertThat(feature(x, "channel=BRANCH")).isEqualTo(1.0);
        assertThat(feature(x, "channel=EMAIL")).isZero();
        assertThat(feature(x, "month=MARCH")).isEqualTo(1.0);
        assertThat(feature(x, "month=APRIL")).isZero();
        assertThat(feature(x, "weekday=FRIDAY")).isEqualTo(1.0);
        assertThat(feature(x, "weekday=MONDAY")).isZero();
    }

    @Test
    void theClientOnlyVectorHasNoCalendarAndNoContactHistory() {
        double[] x = ClientFeatures.of(Fixtures.client(), Channel.BRANCH, false);
        assertThat(feature(x, "month=MARCH") + feature(x, "weekday=FRIDAY") + feature(x, "offerContacts90d")).isZero();
    }

    @Test
    void theContextFeaturesAChannelToldFollowScaledByTheirRangesAndAreZeroWhenNotTold() {
        ChannelFeatures allowed = new ChannelFeatures(Map.of("sessionMinutes", new ChannelFeatures.Range(0, 480),
                "reachedOnMobile", new ChannelFeatures.Range(0, 1)));
        List<String> names = ClientFeatures.names(allowed);
        assertThat(names.subList(ClientFeatures.SIZE, names.size()))
                .containsExactly("context.reachedOnMobile", "context.sessionMinutes");
        DecisionContext context = new DecisionContext(Fixtures.client(), Channel.BRANCH, "REQUEST", FRIDAY_IN_MARCH,
                ContactHistory.NONE, null, Map.of("sessionMinutes", 120.0));
        double[] x = ClientFeatures.of(context, false, OfferContacts.NEVER, 365, allowed);
        assertThat(x).hasSize(names.size());
        assertThat(x[names.indexOf("context.sessionMinutes")]).isEqualTo(0.25);
        assertThat(x[names.indexOf("context.reachedOnMobile")]).isZero();
        assertThat(x[names.indexOf("month=MARCH")]).isEqualTo(1.0);
    }

    @Test
    void thePlannedContactDateNotTheDecisionTimeGivesTheMonthAndWeekday() {
        DecisionContext planned = new DecisionContext(Fixtures.client(), Channel.CALL_CENTER, "REQUEST", FRIDAY_IN_MARCH,
                ContactHistory.NONE, null, Map.of(), java.time.LocalDate.parse("2026-05-12"));
        double[] x = ClientFeatures.of(planned, false, OfferContacts.NEVER, 365, ChannelFeatures.NONE);
        List<String> names = ClientFeatures.names(ChannelFeatures.NONE);
        assertThat(x[names.indexOf("month=MAY")]).isEqualTo(1.0);
        assertThat(x[names.indexOf("weekday=TUESDAY")]).isEqualTo(1.0);
        assertThat(x[names.indexOf("month=MARCH")] + x[names.indexOf("weekday=FRIDAY")]).isZero();
        DecisionContext today = new DecisionContext(Fixtures.client(), Channel.CALL_CENTER, "REQUEST", FRIDAY_IN_MARCH,
                ContactHistory.NONE, null, Map.of());
        double[] y = ClientFeatures.of(today, false, OfferContacts.NEVER, 365, ChannelFeatures.NONE);
        assertThat(y[names.indexOf("month=MARCH")] + y[names.indexOf("weekday=FRIDAY")]).isEqualTo(2.0);
    }

    static ClientSnapshot withProfile(Demographics d) {
        ClientSnapshot c = Fixtures.client();
        return new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), c.consents(), c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(),
                c.openComplaints(), c.lastNegativeBankCausedAt(), c.latestExperience(), d);
    }

    static double[] of(Demographics d) {
        return ClientFeatures.of(withProfile(d), Channel.CALL_CENTER, false, OfferContacts.NEVER, FRIDAY_IN_MARCH, 365);
    }

    @Test
    void theProfileFeaturesAreAppendedAfterTheCalendarSoOlderModelsMapByName() {
        assertThat(ClientFeatures.NAMES.indexOf("occupation=EMPLOYEE")).isEqualTo(ClientFeatures.NAMES.indexOf("weekday=SUNDAY") + 1);
        assertThat(ClientFeatures.NAMES.subList(ClientFeatures.NAMES.indexOf("occupation=EMPLOYEE"), ClientFeatures.SIZE))
                .endsWith("householdSize/6", "dependants/4", "offerAcceptedBefore", "offerDeclinedBefore", "lastContactRecency");
    }

    @Test
    void occupationMaritalStatusAndEducationAreOneHot() {
        double[] x = of(new Demographics("RETIRED", "WIDOWED", "TERTIARY", null, null));
        assertThat(feature(x, "occupation=RETIRED")).isEqualTo(1.0);
        assertThat(feature(x, "marital=WIDOWED")).isEqualTo(1.0);
        assertThat(feature(x, "education=TERTIARY")).isEqualTo(1.0);
        double occupations = ClientFeatures.NAMES.stream().filter(n -> n.startsWith("occupation=")).mapToDouble(n -> feature(x, n)).sum();
        double marital = ClientFeatures.NAMES.stream().filter(n -> n.startsWith("marital=")).mapToDouble(n -> feature(x, n)).sum();
        double education = ClientFeatures.NAMES.stream().filter(n -> n.startsWith("education=")).mapToDouble(n -> feature(x, n)).sum();
        assertThat(occupations + marital + education).as("exactly one of each").isEqualTo(3.0);
        assertThat(ClientFeatures.NAMES.stream().filter(n -> n.startsWith("occupation="))).hasSize(10);
    }

    @Test
    void anUnknownProfileIsNoEvidenceAtAll() {
        double[] x = of(Demographics.NONE);
        assertThat(ClientFeatures.NAMES.stream().filter(n -> n.startsWith("occupation=") || n.startsWith("marital=")
                || n.startsWith("education=") || n.startsWith("householdSize") || n.startsWith("dependants"))
                .mapToDouble(n -> feature(x, n)).sum()).isZero();
        assertThat(feature(of(new Demographics("ASTRONAUT", null, null, null, null)), "occupation=OTHER"))
                .as("a code this service does not know is not guessed").isZero();
    }

    @Test
    void householdSizeAndDependantsAreScaledAndCapped() {
        assertThat(feature(of(new Demographics(null, null, null, 3, 1)), "householdSize/6")).isCloseTo(0.5, within(1e-12));
        assertThat(feature(of(new Demographics(null, null, null, 3, 1)), "dependants/4")).isCloseTo(0.25, within(1e-12));
        assertThat(feature(of(new Demographics(null, null, null, 12, 9)), "householdSize/6")).isEqualTo(1.0);
        assertThat(feature(of(new Demographics(null, null, null, 12, 9)), "dependants/4")).isEqualTo(1.0);
        assertThat(feature(of(new Demographics(null, null, null, 1, 0)), "dependants/4")).isZero();
    }

    @Test
    void anyEarlierAcceptanceOrDeclineOfTheOfferIsFlaggedNotOnlyTheLastAnswer() {
        double[] x = with(new OfferContacts(2, 3, 2, 3, 4L, OfferResponse.Outcome.IGNORED, Channel.BRANCH, true, false));
        assertThat(feature(x, "offerAcceptedBefore")).isEqualTo(1.0);
        assertThat(feature(x, "offerDeclinedBefore")).isZero();
        assertThat(feature(x, "lastOutcome=IGNORED")).isEqualTo(1.0);
        double[] never = with(OfferContacts.NEVER);
        assertThat(feature(never, "offerAcceptedBefore") + feature(never, "offerDeclinedBefore")).isZero();
    }

    @Test
    void theRecencyOfTheLastContactIsOneTheSameDayAndFallsOnALogScaleToZeroAtTheCap() {
        assertThat(feature(with(new OfferContacts(1, 1, 1, 1, 0L, OfferResponse.Outcome.IGNORED, null)), "lastContactRecency"))
                .isEqualTo(1.0);
        double week = feature(with(new OfferContacts(1, 1, 1, 1, 7L, OfferResponse.Outcome.IGNORED, null)), "lastContactRecency");
        double month = feature(with(new OfferContacts(0, 1, 0, 1, 30L, OfferResponse.Outcome.IGNORED, null)), "lastContactRecency");
        double year = feature(with(new OfferContacts(0, 0, 0, 0, 365L, OfferResponse.Outcome.IGNORED, null)), "lastContactRecency");
        assertThat(week).isGreaterThan(month);
        assertThat(month).isGreaterThan(year);
        assertThat(week - month).as("the first weeks matter more than the months after").isGreaterThan(0.1);
        assertThat(year).isZero();
        assertThat(feature(with(new OfferContacts(0, 0, 0, 0, 2000L, null, null)), "lastContactRecency")).isZero();
        assertThat(feature(with(OfferContacts.NEVER), "lastContactRecency")).isZero();
    }
}
