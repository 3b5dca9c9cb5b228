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
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Applies loyalty-service's events ({@code crm.loyalty.events.v1}): loyalty type, scores and churn risk go into the
 * read model; a new score that moved the loyalty type or the churn risk recomputes the next best actions (the refined
 * decision of the chain). A score that moved only behavioural or perceived loyalty, which no decision reads, is taken
 * into the read model without a decision ({@code crm_offer_scores_undecided_total}).
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
    private final Counter notDecided;

    public LoyaltyEventsConsumer(EventPayloads payloads, Inbox inbox, ClientDirectory directory,
            NextBestActions nextBestActions, MeterRegistry metrics) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.directory = directory;
        this.nextBestActions = nextBestActions;
        this.notDecided = Counter.builder("crm.offer.scores.undecided")
                .description("New loyalty scores that moved neither the loyalty type nor the churn risk, the two a "
                        + "decision reads, and so caused no refined decision")
                .register(metrics);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.STATE, event -> true, this::prefetch,
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
                boolean[] decisive = {false};
                yield directory.apply(e.clientId(), event.id(),
                        p -> decisive[0] = p.takeScores(e.behavioural(), e.perceived(), e.type(), e.churnRisk()))
                        .invoke(profile -> {
                            if (profile == null) {
                                return;
                            }
                            if (decisive[0]) {
                                decision.ask(profile, profile.lastChannel, NextBestActions.LOYALTY_SCORE, event);
                            } else {
                                notDecided.increment();
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
