package org.bankcrm.offer.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.OfferMonth;
import org.bankcrm.offer.store.OfferKpiQueries;
import org.bankcrm.offer.store.OfferKpiQueries.OfferAcceptance;
import org.bankcrm.platform.kpi.MonthRange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** offer-service's KPIs as they stand now, computed from the decisions and answers kept in its tables. */
@ApplicationScoped
public class OfferKpis {
    private final Pool pool;
    private final OfferKpiQueries queries;
    private final Duration recoveryWindow;
    private final double z;
    private final int upliftMinAnswers;
    private final Clock clock = Clock.systemUTC();

    public OfferKpis(Pool pool, OfferKpiQueries queries, OfferConfig config) {
        this.pool = pool;
        this.queries = queries;
        this.recoveryWindow = config.contactPolicy().noSalesAfterNegativeExperience();
        this.z = config.controlGroup().z();
        this.upliftMinAnswers = config.kpi().upliftMinAnswers();
    }

    /** The series over the range and the answers per offer over it, for one channel (null: all). */
    public record Report(MonthRange range, String channel, Instant asOf, List<OfferMonth> months, List<OfferAcceptance> byOffer) {
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock);
    }

    /** The window after a bank-caused negative within which a service-recovery action counts (the contact policy's). */
    public Duration recoveryWindow() {
        return recoveryWindow;
    }

    /** z of the uplift's interval. */
    public double z() {
        return z;
    }

    /** Answers each side needs before an offer's or a category's uplift is stated. */
    public int upliftMinAnswers() {
        return upliftMinAnswers;
    }

    public Uni<Report> report(MonthRange range, String channel) {
        Instant asOf = clock.instant();
        return pool.withTransaction(sql -> months(sql, range.from(), range.to(), channel)
                .chain(months -> queries.byOffer(sql, range.from(), range.to(), channel)
                        .map(byOffer -> new Report(range, channel, asOf, months, byOffer))));
    }

    Uni<List<OfferMonth>> months(SqlClient sql, YearMonth from, YearMonth to, String channel) {
        return queries.months(sql, from, to, channel, recoveryWindow);
    }

    Uni<List<OfferAcceptance>> byOffer(SqlClient sql, YearMonth month, String channel) {
        return queries.byOffer(sql, month, month, channel);
    }
}
