package org.bankcrm.offer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A catalogue action: what it is, to whom (condition, JSON), where, what it is worth, when, and its cold-start prior. */
@Entity
@Table(name = "offer")
public class Offer {
    @Id
    public UUID id;
    @Column(nullable = false, unique = true)
    public String code;
    @Column(nullable = false)
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfferCategory category;
    @Column(name = "product_type")
    public String productType;
    @Column(name = "condition_json", nullable = false)
    public String conditionJson;
    @Column(nullable = false)
    public String channels;
    @Column(nullable = false)
    public double value;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    @Column(name = "prior_accepted", nullable = false)
    public double priorAccepted;
    @Column(name = "prior_declined", nullable = false)
    public double priorDeclined;
    @Column(nullable = false)
    public boolean active;
    /** The catalogue revision at this offer's last change: the catalogue version is the highest of them. */
    @Column(nullable = false)
    public long revision;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Set<Channel> channelSet() {
        if (channels == null || channels.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(channels.split(",")).map(Channel::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }

    public void channels(Set<Channel> set) {
        channels = set.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    public OfferTerms terms(OfferCondition condition) {
        return new OfferTerms(id, code, category, productType, condition, channelSet(), value, validFrom, validTo,
                priorAccepted, priorDeclined);
    }
}
