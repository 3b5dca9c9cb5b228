package org.bankcrm.interaction.domain;

/**
 * Additive counts of customer experience over some touchpoints and journeys: what the daily counters hold,
 * so that any period, channel or cause is a sum of rows and every metric is a ratio of sums (exact at any
 * volume, no sampling). CSAT is kept as sum and count, NPS as its three groups, so averages of averages
 * never occur.
 */
public record CxCounts(long touchpoints, long csatSum, long csatResponses, long promoters, long passives,
        long detractors, long negative, long negativeBankCaused, long repeatContacts, long journeysClosed,
        long journeysResolved, long journeysFirstContactResolved) {

    public static final CxCounts ZERO = new CxCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** NPS groups: 9–10 promoters, 7–8 passives, 0–6 detractors. */
    public static final int PROMOTER_FROM = 9;
    public static final int PASSIVE_FROM = 7;

    /** What one recorded touchpoint adds. */
    public static CxCounts of(Touchpoint t) {
        boolean negative = t.valence == Valence.NEGATIVE;
        return new CxCounts(1,
                t.csat == null ? 0 : t.csat, t.csat == null ? 0 : 1,
                t.nps != null && t.nps >= PROMOTER_FROM ? 1 : 0,
                t.nps != null && t.nps >= PASSIVE_FROM && t.nps < PROMOTER_FROM ? 1 : 0,
                t.nps != null && t.nps < PASSIVE_FROM ? 1 : 0,
                negative ? 1 : 0,
                negative && t.cause == Cause.BANK ? 1 : 0,
                t.repeatContact ? 1 : 0,
                0, 0, 0);
    }

    /** What one closed journey adds. */
    public static CxCounts ofClosed(Journey j) {
        boolean resolved = j.status == JourneyStatus.RESOLVED;
        return new CxCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, resolved ? 1 : 0, resolved && j.firstContactResolution ? 1 : 0);
    }

    public CxCounts plus(CxCounts o) {
        return new CxCounts(touchpoints + o.touchpoints, csatSum + o.csatSum, csatResponses + o.csatResponses,
                promoters + o.promoters, passives + o.passives, detractors + o.detractors, negative + o.negative,
                negativeBankCaused + o.negativeBankCaused, repeatContacts + o.repeatContacts,
                journeysClosed + o.journeysClosed, journeysResolved + o.journeysResolved,
                journeysFirstContactResolved + o.journeysFirstContactResolved);
    }

    public long npsResponses() {
        return promoters + passives + detractors;
    }

    /** Average CSAT (1–5) of the touchpoints that have one; null without responses. */
    public Double csatAverage() {
        return ratio(csatSum, csatResponses);
    }

    /** Net Promoter Score: % promoters − % detractors of the NPS answers, −100…100; null without answers. */
    public Double nps() {
        long responses = npsResponses();
        return responses == 0 ? null : 100.0 * (promoters - detractors) / responses;
    }

    /** First-contact resolution: journeys closed whose first contact met the need, of all journeys closed. */
    public Double firstContactResolutionRate() {
        return ratio(journeysFirstContactResolved, journeysClosed);
    }

    /** Need met: journeys closed as resolved (the need met, however many contacts it took), of all journeys closed. */
    public Double needMetShare() {
        return ratio(journeysResolved, journeysClosed);
    }

    /** Repeat contacts (failure demand) of all touchpoints. */
    public Double repeatContactRate() {
        return ratio(repeatContacts, touchpoints);
    }

    /** Negative experiences of all touchpoints. */
    public Double negativeShare() {
        return ratio(negative, touchpoints);
    }

    /** Of the negative experiences, the share the bank caused. */
    public Double bankCausedShareOfNegative() {
        return ratio(negativeBankCaused, negative);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
