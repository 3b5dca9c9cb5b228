package org.bankcrm.offer.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Clients, offers and contexts for the unit tests of the pipeline. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    public static final Consents ALL_CONSENTS = new Consents(true, true, true, true, true);

    private Fixtures() {
    }

    public static ClientSnapshot client() {
        return new ClientSnapshot(UUID.randomUUID(), "INDIVIDUAL", "AGE_35_44", "MIDDLE", ALL_CONSENTS,
                Set.of("CURRENT_ACCOUNT", "DEBIT_CARD"), Set.of("YOUNG_FAMILIES"), "PROFITABLE_HIGH_POTENTIAL", "DEVELOP",
                "TRUE", 70.0, 70.0, 0.1, 0, null, null);
    }

    public static ClientSnapshot withConsents(ClientSnapshot c, Consents consents) {
        return new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), consents, c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(),
                c.openComplaints(), c.lastNegativeBankCausedAt(), c.latestExperience());
    }

    public static ClientSnapshot withComplaints(ClientSnapshot c, int open, Instant lastNegativeBankCaused) {
        return new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), c.consents(), c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(),
                open, lastNegativeBankCaused, c.latestExperience());
    }

    public static ClientSnapshot withHeld(ClientSnapshot c, Set<String> held) {
        return new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), c.consents(), held,
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(),
                c.openComplaints(), c.lastNegativeBankCausedAt(), c.latestExperience());
    }

    public static OfferTerms offer(String code, OfferCategory category, String productType) {
        return offer(code, category, productType, OfferCondition.ANYONE, 100);
    }

    public static OfferTerms offer(String code, OfferCategory category, String productType, OfferCondition condition, double value) {
        return new OfferTerms(UUID.nameUUIDFromBytes(code.getBytes()), code, category, productType, condition,
                EnumSet.allOf(Channel.class), value, LocalDate.parse("2026-01-01"), null, 1, 9);
    }

    public static DecisionContext context(ClientSnapshot client, Channel channel) {
        return new DecisionContext(client, channel, "REQUEST", NOW, ContactHistory.NONE);
    }

    public static DecisionContext context(ClientSnapshot client, Channel channel, ContactHistory history) {
        return new DecisionContext(client, channel, "REQUEST", NOW, history);
    }

    public static ContactHistory declined(OfferTerms offer, Duration ago) {
        return new ContactHistory(Map.of(offer.id(), NOW.minus(ago)), 0);
    }
}
