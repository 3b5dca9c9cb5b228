package org.bankcrm.interaction.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How offer-service's facts become touchpoints of the client's timeline: a decision a channel asked for and
 * showed ({@code OFFER_PRESENTED}, initiated by the bank) and the client's answer to an offer
 * ({@code OFFER_RESPONSE}, initiated by the client). Their ids are derived from the decision's and the
 * response's id, so a redelivery or a replay of offer-service's topic finds the touchpoint already there.
 */
public final class OfferTouchpoints {
    /** The client's answer to an offer, as offer-service records it. */
    public enum Answer {
        ACCEPTED, INTERESTED, DECLINED, IGNORED
    }

    private OfferTouchpoints() {
    }

    public static UUID presentedId(UUID decisionId) {
        return UUID.nameUUIDFromBytes(("crm.offer.decided:" + decisionId).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID responseId(UUID responseId) {
        return UUID.nameUUIDFromBytes(("crm.offer.responded:" + responseId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The need an offer speaks to: from its product type when it has one, else from its category (retention,
     * service recovery, tariff and service-level offers are about the client's relationship with the bank's
     * service; sales without a product and research are about no particular need).
     */
    public static Need needOf(String productType, String category) {
        if (productType != null) {
            return switch (productType) {
                case "CURRENT_ACCOUNT" -> Need.PAYMENTS;
                case "DEBIT_CARD", "CREDIT_CARD" -> Need.CARDS;
                case "SAVINGS_ACCOUNT", "TERM_DEPOSIT" -> Need.SAVINGS;
                case "MORTGAGE", "CONSUMER_LOAN" -> Need.LENDING;
                case "INSURANCE" -> Need.INSURANCE;
                case "INVESTMENT_FUND" -> Need.INVESTMENTS;
                case "PREMIUM_PACKAGE" -> Need.ACCOUNT_SERVICE;
                default -> needOf(null, category);
            };
        }
        if (category == null) {
            return Need.OTHER;
        }
        return switch (category) {
            case "RETENTION", "SERVICE_RECOVERY", "TARIFF", "SERVICE_LEVEL" -> Need.ACCOUNT_SERVICE;
            default -> Need.OTHER; // SALES without a product, RESEARCH, a category added later
        };
    }

    /** Whether the answer met what the offer was about: taken or turned down is settled, ignored is not. */
    public static Outcome outcomeOf(Answer answer) {
        return switch (answer) {
            case ACCEPTED, DECLINED -> Outcome.RESOLVED;
            case INTERESTED -> Outcome.PENDING;
            case IGNORED -> Outcome.UNRESOLVED;
        };
    }

    /** A declined offer is no bad experience: the client said no, which is their right. */
    public static Valence valenceOf(Answer answer) {
        return switch (answer) {
            case ACCEPTED, INTERESTED -> Valence.POSITIVE;
            case DECLINED, IGNORED -> Valence.NEUTRAL;
        };
    }

    /** The touchpoint of offers a channel showed; the need follows the top-ranked one. */
    public static TouchpointContent presented(UUID decisionId, UUID clientId, Instant decidedAt, Channel channel,
            List<OfferShown> rankedOffers) {
        OfferShown top = rankedOffers.get(0);
        return new TouchpointContent(presentedId(decisionId), clientId, decidedAt, channel,
                TouchpointType.OFFER_PRESENTED, Initiator.BANK, needOf(top.productType(), top.category()),
                Outcome.PENDING, Valence.NEUTRAL, null, null, null, null, null, null);
    }

    /** The touchpoint of the client's answer to one offer. */
    public static TouchpointContent response(UUID responseId, UUID clientId, Instant respondedAt, Channel channel,
            OfferShown offer, Answer answer) {
        return new TouchpointContent(responseId(responseId), clientId, respondedAt, channel,
                TouchpointType.OFFER_RESPONSE, Initiator.CLIENT, needOf(offer.productType(), offer.category()),
                outcomeOf(answer), valenceOf(answer), null, null, null, null, null, null);
    }
}
