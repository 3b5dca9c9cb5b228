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
}
