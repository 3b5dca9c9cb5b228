package org.bankcrm.client.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** What one client brought and cost the bank in one month. One per client and month. */
@Entity
@Table(name = "monthly_financials")
@IdClass(MonthlyFinancials.Key.class)
public class MonthlyFinancials {
    /** The bank's figures go back no further; an earlier month is a typo, and would skew the value history. */
    public static final YearMonth EARLIEST_MONTH = YearMonth.of(2000, 1);

    /** Why {@code month} cannot hold financials, if it cannot. */
    public static Optional<String> monthProblem(YearMonth month) {
        return month != null && month.isBefore(EARLIEST_MONTH)
                ? Optional.of("must not be before " + EARLIEST_MONTH)
                : Optional.empty();
    }

    @Id
    @Column(name = "client_id")
    public UUID clientId;
    /** The first day of the month. */
    @Id
    @Column(name = "month")
    public LocalDate month;
    @Column(nullable = false)
    public BigDecimal revenue;
    @Column(name = "cost_to_serve", nullable = false)
    public BigDecimal costToServe;
    @Column(name = "average_balance", nullable = false)
    public BigDecimal averageBalance;
    @Column(name = "transaction_count", nullable = false)
    public int transactionCount;
    @Column(name = "transaction_amount", nullable = false)
    public BigDecimal transactionAmount;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public YearMonth yearMonth() {
        return YearMonth.from(month);
    }

    public BigDecimal margin() {
        return revenue.subtract(costToServe);
    }

    public static class Key implements Serializable {
        public UUID clientId;
        public LocalDate month;

        public Key() {
        }

        public Key(UUID clientId, LocalDate month) {
            this.clientId = clientId;
            this.month = month;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(clientId, k.clientId) && Objects.equals(month, k.month);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, month);
        }
    }
}
