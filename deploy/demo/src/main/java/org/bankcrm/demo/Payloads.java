package org.bankcrm.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The request bodies of the services' public APIs, field for field as their request records and
 * DESIGN.md "Core payloads" name them (upper-case enumerations as strings). Absent values are left out.
 */
public final class Payloads {
    private Payloads() {
    }

    /** client-service {@code POST /api/v1/clients} and each element of {@code POST /api/v1/clients:batch}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegisterClient(String externalRef, String type, String fullName, LocalDate birthDate, String email,
            String phone, String incomeBracket, LocalDate customerSince, Consents consents, String preferredChannel) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consents(Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush, Boolean marketingPhone,
            Boolean profiling) {

        @JsonIgnore
        public boolean any() {
            return Boolean.TRUE.equals(marketingEmail) || Boolean.TRUE.equals(marketingSms)
                    || Boolean.TRUE.equals(marketingPush) || Boolean.TRUE.equals(marketingPhone);
        }
    }

    /** client-service {@code PUT /api/v1/clients/{id}/consents}: the source channel and the answers that change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeConsents(String source, Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush,
            Boolean marketingPhone, Boolean profiling) {
    }

    /** client-service {@code POST /api/v1/clients/{id}/products}; balance negative for what the client owes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenProduct(String type, LocalDate openedAt, BigDecimal balance) {
    }

    /** client-service {@code POST /api/v1/clients/{id}/financials}, one month. */
    public record RecordFinancials(YearMonth month, BigDecimal revenue, BigDecimal costToServe, BigDecimal averageBalance,
            int transactionCount, BigDecimal transactionAmount) {
    }

    /** client-service {@code POST /api/v1/financials/batch}, one client's month: the single path's figures and the client. */
    public record ClientMonth(UUID clientId, YearMonth month, BigDecimal revenue, BigDecimal costToServe,
            BigDecimal averageBalance, int transactionCount, BigDecimal transactionAmount) {
        public static ClientMonth of(UUID clientId, RecordFinancials m) {
            return new ClientMonth(clientId, m.month(), m.revenue(), m.costToServe(), m.averageBalance(),
                    m.transactionCount(), m.transactionAmount());
        }
    }

    /** client-service {@code POST /api/v1/products/batch}, one product opened for a client. */
    public record ProductOpening(UUID clientId, OpenProduct open) {
    }

    /** interaction-service {@code POST /api/v1/interactions}, and the data of {@code crm.touchpoint.submitted}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Touchpoint(UUID id, UUID clientId, Instant occurredAt, String channel, String type, String initiator,
            String need, String outcome, String valence, String cause, String causeDetail, Integer csat, Integer nps,
            String employeeId, String notes) {

        Touchpoint forClient(UUID client) {
            return new Touchpoint(id, client, occurredAt, channel, type, initiator, need, outcome, valence, cause,
                    causeDetail, csat, nps, employeeId, notes);
        }
    }

    /** offer-service {@code POST /api/v1/decisions}. */
    public record DecisionRequest(UUID clientId, String channel, int limit) {
    }

    /** offer-service {@code POST /api/v1/decisions/{decisionId}/responses}. */
    public record ResponseRequest(UUID offerId, String outcome) {
    }

    /** offer-service {@code POST /api/v1/offers}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OfferRequest(String code, String name, String description, String category, String productType,
            Object condition, List<String> channels, double value, Double priorAccepted, Double priorDeclined,
            Boolean active) {
    }
}
