package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** What loyalty scoring learns from another service's event, in its own words. */
public sealed interface ClientFact {
    UUID clientId();

    /** Whether the fact can move a score (segment and value changes only describe the client). */
    default boolean rescores() {
        return true;
    }

    /**
     * A registration; {@code profiling} is the client's profiling consent (null when the event does not say),
     * {@code birthYear} the year of birth (null when not known: a business, or an event without it).
     */
    record Registered(UUID clientId, String clientType, String ageBand, LocalDate customerSince, Instant registeredAt,
            Boolean profiling, String countryOfResidence, Integer birthYear) implements ClientFact {
        /** A registration that does not say where the client lives. */
        public Registered(UUID clientId, String clientType, String ageBand, LocalDate customerSince, Instant registeredAt,
                Boolean profiling) {
            this(clientId, clientType, ageBand, customerSince, registeredAt, profiling, null, null);
        }

        /** A registration that does not give the year of birth. */
        public Registered(UUID clientId, String clientType, String ageBand, LocalDate customerSince, Instant registeredAt,
                Boolean profiling, String countryOfResidence) {
            this(clientId, clientType, ageBand, customerSince, registeredAt, profiling, countryOfResidence, null);
        }
    }

    /**
     * The client's consents changed (crm.client.consent-changed): only profiling matters here. It rescores when
     * profiling changed (the churn risk appears or goes).
     */
    record ConsentChanged(UUID clientId, boolean profiling) implements ClientFact {
    }

    /** The client's descriptive facts changed (crm.client.updated): tenure may move with customerSince. */
    record Updated(UUID clientId, String clientType, String ageBand, LocalDate customerSince, String countryOfResidence,
            Integer birthYear) implements ClientFact {
        /** An update that does not say where the client lives. */
        public Updated(UUID clientId, String clientType, String ageBand, LocalDate customerSince) {
            this(clientId, clientType, ageBand, customerSince, null, null);
        }

        /** An update that does not give the year of birth. */
        public Updated(UUID clientId, String clientType, String ageBand, LocalDate customerSince, String countryOfResidence) {
            this(clientId, clientType, ageBand, customerSince, countryOfResidence, null);
        }
    }

    record ProductOpened(UUID clientId, String productType, LocalDate openedAt, List<String> heldProductTypes)
            implements ClientFact {
    }

    record ProductClosed(UUID clientId, String productType, LocalDate closedAt, List<String> heldProductTypes)
            implements ClientFact {
    }

    /** One month's financials; the amount moved is null when the producer did not say. */
    record FinancialsRecorded(UUID clientId, YearMonth month, double averageBalance, int transactionCount,
            Double transactionAmount) implements ClientFact {
    }

    record SegmentChanged(UUID clientId, List<String> segments) implements ClientFact {
        @Override
        public boolean rescores() {
            return false;
        }
    }

    record ValueChanged(UUID clientId, String quadrant) implements ClientFact {
        @Override
        public boolean rescores() {
            return false;
        }
    }

    /** A touchpoint and the experience it left (interaction-service). */
    record InteractionRecorded(UUID clientId, Instant occurredAt, String type, String initiator, String outcome,
            String valence, String cause, Integer csat, Integer nps, UUID journeyId, boolean repeatContact)
            implements ClientFact {

        boolean complaint() {
            return "COMPLAINT".equals(type);
        }

        boolean resolved() {
            return "RESOLVED".equals(outcome);
        }
    }

    /** One need of the client, finally met or abandoned (interaction-service). */
    record JourneyClosed(UUID clientId, UUID journeyId, String status, Instant closedAt) implements ClientFact {
    }

    /**
     * The client left the bank (client-service: the last product closed, or attrition reported): the churn model's
     * positive label for the snapshots held over the preceding horizon. It moves no score.
     */
    record Left(UUID clientId, Instant leftAt, String reason) implements ClientFact {
        @Override
        public boolean rescores() {
            return false;
        }
    }

    /** A client who had left came back: later snapshots are labelled afresh. */
    record Returned(UUID clientId, Instant returnedAt) implements ClientFact {
        @Override
        public boolean rescores() {
            return false;
        }
    }

    /** The client was erased at client-service: everything kept of them goes. */
    record Erased(UUID clientId, Instant erasedAt) implements ClientFact {
        @Override
        public boolean rescores() {
            return false;
        }
    }
}
