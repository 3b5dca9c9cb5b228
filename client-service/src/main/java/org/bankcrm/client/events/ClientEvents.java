package org.bankcrm.client.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bankcrm.client.domain.AgeBand;
import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.SegmentMembership;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.ConsentPurpose;
import org.bankcrm.client.domain.DepartureReason;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.Consents;
import org.bankcrm.client.domain.ClientValue;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.client.domain.Occupation;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;
import org.bankcrm.platform.outbox.OutgoingEvent;

/**
 * The events client-service publishes on {@value #TOPIC}. Payloads carry what consumers need and no
 * personal data beyond what a consumer needs: an age band and the year of birth (for the churn model's age) instead
 * of the birth date, no name, e-mail, phone or external reference.
 * Contracts: {@code src/main/resources/contracts/}.
 */
public final class ClientEvents {
    public static final String TOPIC = "crm.client.events.v1";
    public static final String REGISTERED = "crm.client.registered";
    public static final String UPDATED = "crm.client.updated";
    public static final String PRODUCT_OPENED = "crm.client.product-opened";
    public static final String PRODUCT_CLOSED = "crm.client.product-closed";
    public static final String FINANCIALS_RECORDED = "crm.client.financials-recorded";
    public static final String VALUE_CHANGED = "crm.client.value-changed";
    public static final String SEGMENT_CHANGED = "crm.client.segment-changed";
    public static final String CONSENT_CHANGED = "crm.client.consent-changed";
    public static final String ERASED = "crm.client.erased";
    public static final String LEFT = "crm.client.left";
    public static final String RETURNED = "crm.client.returned";

    private ClientEvents() {
    }

    public record ConsentsData(boolean marketingEmail, boolean marketingSms, boolean marketingPush,
            boolean marketingPhone, boolean profiling) {

        static ConsentsData of(Consents c) {
            return new ConsentsData(c.marketingEmail, c.marketingSms, c.marketingPush, c.marketingPhone, c.profiling);
        }
    }

    public record Registered(UUID clientId, ClientType type, AgeBand ageBand, Integer birthYear, IncomeBracket incomeBracket,
            LocalDate customerSince, ConsentsData consents, Occupation occupation, MaritalStatus maritalStatus,
            Education education, Integer householdSize, Integer dependants, String countryOfResidence, Instant registeredAt) {
    }

    public record Updated(UUID clientId, ClientType type, AgeBand ageBand, Integer birthYear, IncomeBracket incomeBracket,
            LocalDate customerSince, ConsentsData consents, Channel preferredChannel, Occupation occupation,
            MaritalStatus maritalStatus, Education education, Integer householdSize, Integer dependants,
            String countryOfResidence, Set<String> changedFields, Instant updatedAt) {
    }

    public record ConsentChangeData(ConsentPurpose purpose, boolean granted) {
    }

    public record ConsentChanged(UUID clientId, ConsentsData consents, List<ConsentChangeData> changes, String source,
            Instant changedAt) {
    }

    public record Erased(UUID clientId, Instant erasedAt) {
    }

    public record Left(UUID clientId, Instant leftAt, DepartureReason reason) {
    }

    public record Returned(UUID clientId, Instant returnedAt) {
    }

    /** The client's departure as {@link Client#leave} recorded it; the reporting system's code stays inside. */
    public static OutgoingEvent left(Client client) {
        return of(LEFT, client.id, new Left(client.id, client.leftAt, client.leftReason));
    }

    public static OutgoingEvent returned(UUID clientId, Instant returnedAt) {
        return of(RETURNED, clientId, new Returned(clientId, returnedAt));
    }

    public record SegmentChanged(UUID clientId, Set<String> segments, Set<String> joined, Set<String> left, Instant changedAt) {
    }

    public static OutgoingEvent segmentChanged(UUID clientId, SegmentMembership.Change change, Instant at) {
        return of(SEGMENT_CHANGED, clientId, new SegmentChanged(clientId, change.segments(), change.joined(), change.left(), at));
    }

    public record ValueChanged(UUID clientId, java.math.BigDecimal profitability, double potential, ValueQuadrant quadrant,
            ValueStrategy strategy, ValueQuadrant previousQuadrant, ValueStrategy previousStrategy, List<String> reasons,
            Instant computedAt) {
    }

    /** {@code balance} is left out when unknown. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ProductOpened(UUID clientId, UUID productId, ProductType productType, LocalDate openedAt,
            java.math.BigDecimal balance, List<ProductType> heldProductTypes, Instant recordedAt) {
    }

    public record ProductClosed(UUID clientId, UUID productId, ProductType productType, LocalDate openedAt,
            LocalDate closedAt, List<ProductType> heldProductTypes, Instant recordedAt) {
    }

    public record FinancialsRecorded(UUID clientId, String month, java.math.BigDecimal revenue,
            java.math.BigDecimal costToServe, java.math.BigDecimal averageBalance, int transactionCount,
            java.math.BigDecimal transactionAmount, boolean replaced, Instant recordedAt) {
    }

    public static OutgoingEvent valueChanged(Client client, ClientValue value, ValueQuadrant previousQuadrant,
            ValueStrategy previousStrategy) {
        return of(VALUE_CHANGED, client.id, new ValueChanged(client.id, value.profitability(), value.potential(),
                value.quadrant(), value.strategy(), previousQuadrant, previousStrategy, value.reasons(), client.valueComputedAt));
    }

    /** {@code held}: every product of the client after the change, open and closed. */
    public static OutgoingEvent productOpened(HeldProduct product, List<HeldProduct> held) {
        return of(PRODUCT_OPENED, product.clientId, new ProductOpened(product.clientId, product.id, product.type,
                product.openedAt, product.balance, openTypes(held), product.updatedAt));
    }

    public static OutgoingEvent productClosed(HeldProduct product, List<HeldProduct> held) {
        return of(PRODUCT_CLOSED, product.clientId, new ProductClosed(product.clientId, product.id, product.type,
                product.openedAt, product.closedAt, openTypes(held), product.updatedAt));
    }

    public static OutgoingEvent financialsRecorded(MonthlyFinancials f, boolean replaced) {
        return of(FINANCIALS_RECORDED, f.clientId, new FinancialsRecorded(f.clientId, f.yearMonth().toString(), f.revenue,
                f.costToServe, f.averageBalance, f.transactionCount, f.transactionAmount, replaced, f.recordedAt));
    }

    private static List<ProductType> openTypes(List<HeldProduct> held) {
        return held.stream().filter(HeldProduct::isOpen).map(p -> p.type).sorted().toList();
    }

    public static OutgoingEvent registered(Client client, LocalDate today) {
        var data = new Registered(client.id, client.type, client.ageBand(today), client.birthYear(), client.incomeBracket,
                client.customerSince, ConsentsData.of(client.consents), client.occupation, client.maritalStatus,
                client.education, client.householdSize, client.dependants, client.countryOfResidence, client.createdAt);
        return of(REGISTERED, client.id, data);
    }

    public static OutgoingEvent updated(Client client, Set<String> changedFields, LocalDate today) {
        var data = new Updated(client.id, client.type, client.ageBand(today), client.birthYear(), client.incomeBracket,
                client.customerSince,
                ConsentsData.of(client.consents), client.preferredChannel, client.occupation, client.maritalStatus,
                client.education, client.householdSize, client.dependants, client.countryOfResidence, changedFields,
                client.updatedAt);
        return of(UPDATED, client.id, data);
    }

    public static OutgoingEvent consentChanged(Client client, List<Consents.Change> changes, String source, Instant at) {
        var data = new ConsentChanged(client.id, ConsentsData.of(client.consents),
                changes.stream().map(c -> new ConsentChangeData(c.purpose(), c.granted())).toList(), source, at);
        return of(CONSENT_CHANGED, client.id, data);
    }

    public static OutgoingEvent erased(Client client) {
        return of(ERASED, client.id, new Erased(client.id, client.erasedAt));
    }

    static OutgoingEvent of(String type, UUID clientId, Object data) {
        return OutgoingEvent.of(TOPIC, type, clientId.toString(), data);
    }
}
