package org.bankcrm.client.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.bankcrm.client.domain.AgeBand;
import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.DepartureReason;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.Occupation;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.StatedNeed;
import org.bankcrm.client.domain.StatedNeeds;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;

/** A client as the channels read it. */
public record ClientView(UUID id, String externalRef, ClientType type, String fullName, LocalDate birthDate,
        AgeBand ageBand, String email, String phone, IncomeBracket incomeBracket, LocalDate customerSince,
        ClientRequests.ConsentsBody consents, Channel preferredChannel, Occupation occupation,
        MaritalStatus maritalStatus, Education education, Integer householdSize, Integer dependants,
        String countryOfResidence, StatedNeedsView statedNeeds, List<String> segments,
        ValueQuadrant valueQuadrant, ValueStrategy strategy, List<ProductType> products, Instant leftAt, DepartureReason leftReason, Instant createdAt, Instant updatedAt) {

    /** The needs and motives the client stated last: the codes, when and at which touchpoint (null before any). */
    public record StatedNeedsView(List<StatedNeed> codes, Instant statedAt, UUID interactionId) {
        static StatedNeedsView of(StatedNeeds needs) {
            return needs.isKnown() ? new StatedNeedsView(needs.codes().stream().sorted().toList(), needs.statedAt(),
                    needs.interactionId()) : null;
        }
    }

    /** {@code products}: the types of the open products, or null where the caller did not load them. */
    static ClientView of(Client c, LocalDate today, List<ProductType> products, List<String> segments) {
        return new ClientView(c.id, c.externalRef, c.type, c.fullName, c.birthDate, c.ageBand(today), c.email, c.phone,
                c.incomeBracket, c.customerSince, ClientRequests.ConsentsBody.of(c.consents), c.preferredChannel,
                c.occupation, c.maritalStatus, c.education, c.householdSize, c.dependants,
                c.countryOfResidence, StatedNeedsView.of(c.statedNeeds()), segments, c.valueQuadrant,
                c.strategy, products, c.leftAt, c.leftReason, c.createdAt, c.updatedAt);
    }
}
