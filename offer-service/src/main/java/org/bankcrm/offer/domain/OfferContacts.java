package org.bankcrm.offer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The contact history of one client with one candidate offer at decision time: how often the client was contacted about
 * this offer and about its category in the last 30 and 90 days, how long ago the last contact about the offer was, its
 * answer and whether it was on the asking channel, and whether any earlier answer to the offer (not only the last) was an
 * acceptance or a decline. A contact is an answered presentation (a recorded response).
 */
public record OfferContacts(int offerLast30Days, int offerLast90Days, int categoryLast30Days, int categoryLast90Days,
        Long daysSinceLast, OfferResponse.Outcome lastOutcome, Channel lastChannel, boolean acceptedBefore,
        boolean declinedBefore) {
    public static final OfferContacts NEVER = new OfferContacts(0, 0, 0, 0, null, null, null);

    /** Without the earlier answers' flags: the last answer is the only one that counts. */
    public OfferContacts(int offerLast30Days, int offerLast90Days, int categoryLast30Days, int categoryLast90Days,
            Long daysSinceLast, OfferResponse.Outcome lastOutcome, Channel lastChannel) {
        this(offerLast30Days, offerLast90Days, categoryLast30Days, categoryLast90Days, daysSinceLast, lastOutcome, lastChannel,
                lastOutcome == OfferResponse.Outcome.ACCEPTED, lastOutcome == OfferResponse.Outcome.DECLINED);
    }
    private static final Duration DAYS_30 = Duration.ofDays(30);
    private static final Duration DAYS_90 = Duration.ofDays(90);

    /** Counts the client's past contacts for the offer; contacts after {@code now} are not yet history and are left out. */
    public static OfferContacts of(List<PastContact> contacts, OfferTerms offer, Instant now) {
        int offer30 = 0;
        int offer90 = 0;
        int category30 = 0;
        int category90 = 0;
        PastContact last = null;
        boolean accepted = false;
        boolean declined = false;
        for (PastContact c : contacts) {
            if (c.at().isAfter(now)) {
                continue;
            }
            boolean within30 = !c.at().isBefore(now.minus(DAYS_30));
            boolean within90 = !c.at().isBefore(now.minus(DAYS_90));
            if (c.category() == offer.category()) {
                category30 += within30 ? 1 : 0;
                category90 += within90 ? 1 : 0;
            }
            if (c.offerId().equals(offer.id())) {
                offer30 += within30 ? 1 : 0;
                offer90 += within90 ? 1 : 0;
                accepted |= c.outcome() == OfferResponse.Outcome.ACCEPTED;
                declined |= c.outcome() == OfferResponse.Outcome.DECLINED;
                if (last == null || c.at().isAfter(last.at())) {
                    last = c;
                }
            }
        }
        if (last == null) {
            return new OfferContacts(offer30, offer90, category30, category90, null, null, null);
        }
        return new OfferContacts(offer30, offer90, category30, category90, Duration.between(last.at(), now).toDays(),
                last.outcome(), last.channel(), accepted, declined);
    }

    /** One line for the decision's reasons: the history the propensity rests on. */
    public String describe() {
        if (neverContacted()) {
            return "contact history: never contacted about this offer; %d contacts about its category in 90 days"
                    .formatted(categoryLast90Days);
        }
        return "contact history: %d contacts about this offer in 30 days, %d in 90; %d about its category in 90; last %d days ago (%s%s)"
                .formatted(offerLast30Days, offerLast90Days, categoryLast90Days, daysSinceLast, lastOutcome,
                        lastChannel == null ? "" : ", " + lastChannel);
    }

    public boolean neverContacted() {
        return daysSinceLast == null;
    }
}
