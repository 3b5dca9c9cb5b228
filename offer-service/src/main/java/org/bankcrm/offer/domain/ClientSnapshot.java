package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a decision rests on, from the local read model: no name, contact data or birth date. Stored with
 * each decision so the bank can answer "why was this client offered this". {@code statedNeeds}: the codes of the
 * needs and motives the client stated last (interaction-service's statedNeeds); {@code demographics}: the optional
 * profile of client events (occupation, marital status, education, household).
 */
public record ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
        Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
        Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
        Experience latestExperience, Set<String> statedNeeds, Demographics demographics) {

    public ClientSnapshot {
        consents = consents == null ? Consents.NONE : consents;
        demographics = demographics == null ? Demographics.NONE : demographics;
        heldProducts = heldProducts == null ? Set.of() : Set.copyOf(heldProducts);
        segments = segments == null ? Set.of() : Set.copyOf(segments);
        statedNeeds = statedNeeds == null ? Set.of() : Set.copyOf(statedNeeds);
    }

    /** A client who stated no needs and whose profile (occupation, marital status, education, household) is unknown. */
    public ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
            Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
            Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
            Experience latestExperience) {
        this(clientId, clientType, ageBand, incomeBracket, consents, heldProducts, segments, quadrant, strategy, loyaltyType,
                behavioural, perceived, churnRisk, openComplaints, lastNegativeBankCausedAt, latestExperience, Set.of(),
                Demographics.NONE);
    }

    /** A client whose profile (occupation, marital status, education, household) the bank does not know. */
    public ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
            Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
            Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
            Experience latestExperience, Set<String> statedNeeds) {
        this(clientId, clientType, ageBand, incomeBracket, consents, heldProducts, segments, quadrant, strategy, loyaltyType,
                behavioural, perceived, churnRisk, openComplaints, lastNegativeBankCausedAt, latestExperience, statedNeeds,
                Demographics.NONE);
    }

    /** A client who stated no needs. */
    public ClientSnapshot(UUID clientId, String clientType, String ageBand, String incomeBracket, Consents consents,
            Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
            Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
            Experience latestExperience, Demographics demographics) {
        this(clientId, clientType, ageBand, incomeBracket, consents, heldProducts, segments, quadrant, strategy, loyaltyType,
                behavioural, perceived, churnRisk, openComplaints, lastNegativeBankCausedAt, latestExperience, Set.of(),
                demographics);
    }

    /**
     * The client as a decision without profiling consent may see them: without the scores loyalty-service's models
     * computed (loyalty type, behavioural and perceived indices, churn risk), so no rule can rest on them.
     */
    public ClientSnapshot withoutModelScores() {
        return new ClientSnapshot(clientId, clientType, ageBand, incomeBracket, consents, heldProducts, segments, quadrant,
                strategy, null, null, null, null, openComplaints, lastNegativeBankCausedAt, latestExperience, statedNeeds,
                demographics);
    }

    /** A client the service has heard nothing about yet: no consents, nothing held. */
    public static ClientSnapshot unknown(UUID clientId) {
        return new ClientSnapshot(clientId, null, null, null, Consents.NONE, Set.of(), Set.of(), null, null, null,
                null, null, null, 0, null, null);
    }
}
