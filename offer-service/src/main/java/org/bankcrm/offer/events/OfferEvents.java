package org.bankcrm.offer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bankcrm.offer.domain.Decision;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.RankedAction;
import org.bankcrm.offer.domain.ScoreComponents;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.outbox.OutgoingEvent;

/** What offer-service publishes on crm.offer.events.v1 (contracts under src/main/resources/contracts/). */
public final class OfferEvents {
    public static final String TOPIC = "crm.offer.events.v1";
    public static final String DECIDED = "crm.offer.decided";
    public static final String RESPONDED = "crm.offer.responded";

    private OfferEvents() {
    }

    public record Trigger(String type, String eventId, String eventType, List<String> causedBy) {
    }

    public record Action(int rank, UUID offerId, String offerCode, String category, String productType, double score,
            Components components, List<String> reasons) {
    }

    /** The score's factors as the event contract has them (the posterior mean stays in the REST answer and the audit). */
    public record Components(double propensity, double value, double context, double lever) {
        static Components of(ScoreComponents c) {
            return new Components(c.propensity(), c.value(), c.context(), c.lever());
        }
    }

    public record Decided(UUID decisionId, UUID clientId, Trigger trigger, String channel, boolean controlGroup,
            List<Action> actions, long catalogueVersion, long modelVersion, Instant decidedAt) {
    }

    public record Responded(UUID responseId, UUID decisionId, UUID clientId, UUID offerId, String offerCode, String category,
            String productType, String channel, String outcome, boolean controlGroup, Instant respondedAt) {
    }

    public static OutgoingEvent decided(Decision decision, List<RankedAction> actions, IncomingEvent cause,
            List<String> causedBy) {
        List<Action> published = actions.stream().map(a -> new Action(a.rank(), a.offerId(), a.code(), a.category().name(),
                a.productType(), a.score(), Components.of(a.components()), a.reasons())).toList();
        Decided data = new Decided(decision.id, decision.clientId,
                new Trigger(decision.triggerType, decision.triggerEventId, cause == null ? null : cause.type(), causedBy),
                decision.channel, decision.controlGroup, published, decision.catalogueVersion, decision.modelVersion,
                decision.decidedAt);
        OutgoingEvent event = OutgoingEvent.of(TOPIC, DECIDED, decision.clientId.toString(), data);
        return cause == null ? event : event.causedBy(cause);
    }

    public static OutgoingEvent responded(OfferResponse response, RankedAction action) {
        Responded data = new Responded(response.id, response.decisionId, response.clientId, response.offerId, action.code(),
                response.category.name(), action.productType(), response.channel, response.outcome.name(),
                response.controlGroup, response.respondedAt);
        return OutgoingEvent.of(TOPIC, RESPONDED, response.clientId.toString(), data);
    }
}
