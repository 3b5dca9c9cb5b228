package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.NOW;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class OfferContactsTest {
    final OfferTerms mortgage = Fixtures.offer("MORTGAGE", OfferCategory.SALES, "MORTGAGE");
    final OfferTerms loan = Fixtures.offer("LOAN", OfferCategory.SALES, "CONSUMER_LOAN");
    final OfferTerms apology = Fixtures.offer("APOLOGY", OfferCategory.SERVICE_RECOVERY, null);

    static PastContact contact(OfferTerms offer, int daysAgo, OfferResponse.Outcome outcome, Channel channel) {
        return new PastContact(offer.id(), offer.category(), channel, outcome, NOW.minus(Duration.ofDays(daysAgo)));
    }

    @Test
    void aClientNeverContactedHasNoCountsNoLastContactAndNoOutcome() {
        OfferContacts c = OfferContacts.of(List.of(), mortgage, NOW);
        assertThat(c).isEqualTo(OfferContacts.NEVER);
        assertThat(c.neverContacted()).isTrue();
        assertThat(c.describe()).contains("never contacted");
    }

    @Test
    void contactsAboutTheOfferAreCountedInTheLast30And90Days() {
        List<PastContact> history = List.of(contact(mortgage, 3, OfferResponse.Outcome.IGNORED, Channel.EMAIL),
                contact(mortgage, 45, OfferResponse.Outcome.DECLINED, Channel.BRANCH),
                contact(mortgage, 120, OfferResponse.Outcome.DECLINED, Channel.BRANCH));
        OfferContacts c = OfferContacts.of(history, mortgage, NOW);
        assertThat(c.offerLast30Days()).isEqualTo(1);
        assertThat(c.offerLast90Days()).isEqualTo(2);
    }

    @Test
    void contactsAboutOtherOffersOfTheCategoryCountForTheCategoryOnly() {
        List<PastContact> history = List.of(contact(loan, 10, OfferResponse.Outcome.DECLINED, Channel.CALL_CENTER),
                contact(loan, 60, OfferResponse.Outcome.DECLINED, Channel.CALL_CENTER),
                contact(apology, 5, OfferResponse.Outcome.ACCEPTED, Channel.CALL_CENTER));
        OfferContacts c = OfferContacts.of(history, mortgage, NOW);
        assertThat(c.categoryLast30Days()).isEqualTo(1);
        assertThat(c.categoryLast90Days()).isEqualTo(2);
        assertThat(c.offerLast90Days()).isZero();
        assertThat(c.neverContacted()).isTrue();
    }

    @Test
    void theLastContactAboutTheOfferGivesTheDaysSinceItsOutcomeAndItsChannel() {
        List<PastContact> history = List.of(contact(mortgage, 40, OfferResponse.Outcome.DECLINED, Channel.BRANCH),
                contact(mortgage, 12, OfferResponse.Outcome.INTERESTED, Channel.MOBILE_APP),
                contact(loan, 1, OfferResponse.Outcome.ACCEPTED, Channel.CALL_CENTER));
        OfferContacts c = OfferContacts.of(history, mortgage, NOW);
        assertThat(c.daysSinceLast()).isEqualTo(12);
        assertThat(c.lastOutcome()).isEqualTo(OfferResponse.Outcome.INTERESTED);
        assertThat(c.lastChannel()).isEqualTo(Channel.MOBILE_APP);
        assertThat(c.describe()).contains("last 12 days ago (INTERESTED, MOBILE_APP)");
    }

    @Test
    void aContactAfterTheDecisionIsNotYetHistory() {
        PastContact later = new PastContact(mortgage.id(), mortgage.category(), Channel.BRANCH, OfferResponse.Outcome.ACCEPTED,
                NOW.plusSeconds(60));
        assertThat(OfferContacts.of(List.of(later), mortgage, NOW)).isEqualTo(OfferContacts.NEVER);
    }

    @Test
    void anEarlierAcceptanceOrDeclineOfTheOfferIsKeptEvenWhenLaterAnswersFollow() {
        List<PastContact> history = List.of(contact(mortgage, 200, OfferResponse.Outcome.ACCEPTED, Channel.CALL_CENTER),
                contact(mortgage, 20, OfferResponse.Outcome.IGNORED, Channel.CALL_CENTER),
                contact(mortgage, 5, OfferResponse.Outcome.IGNORED, Channel.CALL_CENTER),
                contact(loan, 3, OfferResponse.Outcome.DECLINED, Channel.CALL_CENTER));
        OfferContacts c = OfferContacts.of(history, mortgage, NOW);
        assertThat(c.lastOutcome()).isEqualTo(OfferResponse.Outcome.IGNORED);
        assertThat(c.acceptedBefore()).isTrue();
        assertThat(c.declinedBefore()).as("the decline was of another offer").isFalse();
        assertThat(OfferContacts.of(List.of(), mortgage, NOW).acceptedBefore()).isFalse();
    }
}
