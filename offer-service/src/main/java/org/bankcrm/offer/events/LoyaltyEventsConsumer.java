package org.bankcrm.offer.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.offer.app.ClientDirectory;
import org.bankcrm.offer.app.NextBestActions;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/**
 * Applies loyalty-service's events ({@code crm.loyalty.events.v1}): loyalty type, scores and churn risk go into the
 * read model; a new score recomputes the next best actions (the refined decision of the chain).
 */
@ApplicationScoped
public class LoyaltyEventsConsumer {
    static final String CHANNEL = "loyalty-events";
    static final String CONSUMER = "offer-service/loyalty-events";
    static final String SCORE_CHANGED = "crm.loyalty.score-changed";
    static final String TYPE_CHANGED = "crm.loyalty.type-changed";
    static final String CHURN_RISK_RAISED = "crm.loyalty.churn-risk-raised";

    public record ScoreChanged(@NotNull UUID clientId, @NotNull Double behavioural, @NotNull Double perceived,
            @NotNull String type, Double churnRisk) {
    }

    public record TypeChanged(@NotNull UUID clientId, @NotNull String type) {
    }

    public record ChurnRiskRaised(@NotNull UUID clientId, @NotNull Double churnRisk, @NotNull String type) {
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final ClientDirectory directory;
    private final NextBestActions nextBestActions;

    public LoyaltyEventsConsumer(EventPayloads payloads, Inbox inbox, ClientDirectory directory,
            NextBestActions nextBestActions) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.directory = directory;
        this.nextBestActions = nextBestActions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(CONSUMER, records, Ordering.STATE, event -> true, this::prefetch,
                events -> nextBestActions.decideOnceAfter(events, this::apply));
    }

    /** The batch's profiles and what its decisions read, each in one statement. */
    private Uni<Void> prefetch(Set<UUID> clientIds) {
        return directory.prefetch(clientIds).chain(() -> nextBestActions.prefetch(clientIds));
    }

    private Uni<?> apply(IncomingEvent event, NextBestActions.EventDecision decision) {
        return switch (event.type()) {
            case SCORE_CHANGED -> {
                ScoreChanged e = payloads.read(event, ScoreChanged.class, ScoreChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> {
                    p.behavioural = e.behavioural();
                    p.perceived = e.perceived();
                    p.loyaltyType = e.type();
                    p.churnRisk = e.churnRisk();
                }).invoke(profile -> {
                    if (profile != null) {
                        decision.ask(profile, profile.lastChannel, NextBestActions.LOYALTY_SCORE, event);
                    }
                });
            }
            case TYPE_CHANGED -> {
                TypeChanged e = payloads.read(event, TypeChanged.class, TypeChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> p.loyaltyType = e.type());
            }
            case CHURN_RISK_RAISED -> {
                ChurnRiskRaised e = payloads.read(event, ChurnRiskRaised.class, ChurnRiskRaised::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> {
                    p.churnRisk = e.churnRisk();
                    p.loyaltyType = e.type();
                });
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
