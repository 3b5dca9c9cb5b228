package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a decision rests on, from the local read model: no name, contact data or birth date. Stored with
 * each decision so the bank can answer "why was this client offered this".
 */
public record ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
        Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
        Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
        Experience latestExperience, Demographics demographics) {

    public ClientSnapshot {
        consents = consents == null ? Consents.NONE : consents;
        demographics = demographics == null ? Demographics.NONE : demographics;
        heldProducts = heldProducts == null ? Set.of() : Set.copyOf(heldProducts);
        segments = segments == null ? Set.of() : Set.copyOf(segments);
    }

    /** A client whose profile (occupation, marital status, education, household) the bank does not know. */
    public ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
            Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
            Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
            Experience latestExperience) {
        this(clientId, clientType, ageBand, incomeBracket, consents, heldProducts, segments, quadrant, strategy, loyaltyType,
                behavioural, perceived, churnRisk, openComplaints, lastNegativeBankCausedAt, latestExperience, Demographics.NONE);
    }

    /** A client the service has heard nothing about yet: no consents, nothing held. */
    public static ClientSnapshot unknown(UUID clientId) {
        return new ClientSnapshot(clientId, null, null, null, Consents.NONE, Set.of(), Set.of(), null, null, null,
                null, null, null, 0, null, null);
    }
}
