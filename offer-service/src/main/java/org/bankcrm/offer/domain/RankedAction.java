package org.bankcrm.offer.domain;

import java.util.List;
import java.util.UUID;

/** One action of a decision, in rank order, with its score, the components and the reasons behind it. */
public record RankedAction(int rank, UUID offerId, String code, OfferCategory category, String productType, double score,
        ScoreComponents components, List<String> reasons) {
}
