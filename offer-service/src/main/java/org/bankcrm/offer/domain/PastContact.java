package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.UUID;

/** One answered presentation to the client: which offer, its category, on which channel, the answer and when. */
public record PastContact(UUID offerId, OfferCategory category, Channel channel, OfferResponse.Outcome outcome, Instant at) {
}
