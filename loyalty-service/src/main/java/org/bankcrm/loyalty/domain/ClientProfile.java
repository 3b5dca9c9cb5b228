package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.bankcrm.platform.entity.ClientReadModel;

/**
 * What loyalty scoring knows of a client, kept from client-service's and interaction-service's events:
 * counters and decayed sums updated per event, so rescoring never reads a client's history. Decayed sums
 * share one reference time ({@link #decayAsOf}); each decays with its own half-life.
 */
@Entity
@Table(name = "client_profile")
public class ClientProfile extends ClientReadModel {
    /** Months of financials kept: 3 recent months against the 12 before them. */
    public static final int FINANCIAL_MONTHS = 15;
    /** Months of contact counts kept: the churn features count the last 12. */
    public static final int CONTACT_MONTHS = 12;

    @Column(name = "client_type", nullable = false)
    public String clientType;
    @Column(name = "age_band", nullable = false)
    public String ageBand;
    @Column(name = "customer_since", nullable = false)
    public LocalDate customerSince;
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
    /** ISO 3166-1 alpha-2, null when not known: the churn model's market indicators read it. */
    @Column(name = "country_of_residence")
    public String countryOfResidence;
    /**
     * Year of birth (crm.client.registered/updated), null when not known: the churn model ages the client at the
     * scoring month from it, finer than the band and never stale. Read by nothing else.
     */
    @Column(name = "birth_year")
    public Integer birthYear;
    /** The client's profiling consent (registration, consent changes); null when not known: no churn model. */
    public Boolean profiling;

    /** Segment codes, comma-separated with a leading and trailing comma (",A,B,"), so a filter is one LIKE. */
    @Column(nullable = false)
    public String segments = ",";
    @Column(name = "value_quadrant")
    public String valueQuadrant;

    /** Types of the products held, one entry per product, comma-separated. */
    @Column(name = "held_product_types", nullable = false)
    public String heldProductTypes = "";
    @Column(name = "products_closed", nullable = false)
    public int productsClosed;
    /**
     * The last {@link #FINANCIAL_MONTHS} months: "2026-10=6120.0=37=2310.75;2026-09=…" (month, average balance,
     * transactions, amount moved; months recorded before the amount was kept have no amount).
     */
    @Column(nullable = false)
    public String financials = "";
    /** Touchpoints and complaints per month, the last {@link #CONTACT_MONTHS}: "2026-10=3=1;…". */
    @Column(name = "contact_months", nullable = false)
    public String contactMonths = "";

    @Column(nullable = false)
    public int interactions;
    @Column(name = "complaints_total", nullable = false)
    public int complaintsTotal;
    /** Unresolved complaints by journey: "journeyId:BANK" or "journeyId:OTHER", comma-separated. */
    @Column(name = "open_complaints", nullable = false)
    public String openComplaints = "";
    @Column(name = "latest_nps")
    public Integer latestNps;
    @Column(name = "previous_nps")
    public Integer previousNps;
    @Column(name = "latest_nps_at")
    public Instant latestNpsAt;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    @Column(name = "decay_as_of")
    public Instant decayAsOf;
    @Column(name = "client_initiated_weight", nullable = false)
    public double clientInitiatedWeight;
    @Column(name = "closure_weight", nullable = false)
    public double closureWeight;
    @Column(name = "complaint_weight", nullable = false)
    public double complaintWeight;
    @Column(name = "bank_negative_weight", nullable = false)
    public double bankNegativeWeight;
    @Column(name = "positive_weight", nullable = false)
    public double positiveWeight;
    @Column(name = "failure_demand_weight", nullable = false)
    public double failureDemandWeight;
    /** Decayed number of CSAT answers, and the decayed sum of their values. */
    @Column(name = "csat_weight", nullable = false)
    public double csatWeight;
    @Column(name = "csat_sum", nullable = false)
    public double csatSum;

    public static ClientProfile registered(ClientFact.Registered fact) {
        ClientProfile profile = new ClientProfile();
        profile.clientId = fact.clientId();
        profile.describe(fact);
        return profile;
    }

    /**
     * Applies one fact to the counters and decayed sums; answers whether it changed anything a score reads. Only a
     * journey's closing can change nothing: closed as resolved, its complaint (if any) already closed by the touchpoint
     * that resolved it, which was scored when it was recorded.
     */
    public boolean apply(ClientFact fact, HalfLives halfLives) {
        // Java 17: no pattern matching for switch yet
        if (fact instanceof ClientFact.Registered r) {
            describe(r);
        } else if (fact instanceof ClientFact.Updated u) {
            clientType = u.clientType();
            ageBand = u.ageBand();
            customerSince = u.customerSince();
            countryOfResidence = u.countryOfResidence();
            birthYear = u.birthYear();
        } else if (fact instanceof ClientFact.ConsentChanged c) {
            boolean changed = !Boolean.valueOf(c.profiling()).equals(profiling);
            profiling = c.profiling();
            return changed;
        } else if (fact instanceof ClientFact.SegmentChanged s) {
            segments = s.segments().isEmpty() ? "," : "," + String.join(",", s.segments()) + ",";
        } else if (fact instanceof ClientFact.ValueChanged v) {
            valueQuadrant = v.quadrant();
        } else if (fact instanceof ClientFact.ProductOpened o) {
            heldProductTypes = String.join(",", o.heldProductTypes());
        } else if (fact instanceof ClientFact.ProductClosed c) {
            heldProductTypes = String.join(",", c.heldProductTypes());
            productsClosed++;
            Instant at = c.closedAt().atStartOfDay(ZoneOffset.UTC).toInstant();
            advance(at, halfLives);
            closureWeight += weightAt(at, halfLives.behaviour());
        } else if (fact instanceof ClientFact.FinancialsRecorded f) {
            recordFinancials(f);
        } else if (fact instanceof ClientFact.InteractionRecorded i) {
            recordInteraction(i, halfLives);
        } else if (fact instanceof ClientFact.Left || fact instanceof ClientFact.Returned) {
            return false; // labels for the churn model, not state a score reads
        } else if (fact instanceof ClientFact.JourneyClosed j) {
            boolean complaintClosed = removeOpenComplaint(j.journeyId());
            if (!"ABANDONED".equals(j.status())) {
                return complaintClosed;
            }
            advance(j.closedAt(), halfLives);
            failureDemandWeight += weightAt(j.closedAt(), halfLives.experience());
        }
        return true;
    }

    private void describe(ClientFact.Registered r) {
        clientType = r.clientType();
        ageBand = r.ageBand();
        customerSince = r.customerSince();
        registeredAt = r.registeredAt();
        profiling = r.profiling();
        countryOfResidence = r.countryOfResidence();
        birthYear = r.birthYear();
    }

    /** Whether the client consented to profiling: only then is a churn model applied to (or learnt from) them. */
    public boolean profilingConsented() {
        return Boolean.TRUE.equals(profiling);
    }

    private void recordInteraction(ClientFact.InteractionRecorded i, HalfLives halfLives) {
        Instant at = i.occurredAt();
        advance(at, halfLives);
        interactions++;
        countContact(YearMonth.from(at.atOffset(ZoneOffset.UTC)), i.complaint());
        if ("CLIENT".equals(i.initiator())) {
            clientInitiatedWeight += weightAt(at, halfLives.behaviour());
            if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
                lastActivityAt = at;
            }
        }
        double experienceWeight = weightAt(at, halfLives.experience());
        if (i.nps() != null && (latestNpsAt == null || !at.isBefore(latestNpsAt))) {
            previousNps = latestNps;
            latestNps = i.nps();
            latestNpsAt = at;
        }
        if (i.csat() != null) {
            csatWeight += experienceWeight;
            csatSum += experienceWeight * i.csat();
        }
        if (i.complaint()) {
            complaintsTotal++;
            complaintWeight += experienceWeight;
            if (!i.resolved() && i.journeyId() != null) {
                addOpenComplaint(i.journeyId(), "BANK".equals(i.cause()));
            }
        }
        if (i.resolved() && i.journeyId() != null) {
            removeOpenComplaint(i.journeyId());
        }
        if ("NEGATIVE".equals(i.valence()) && "BANK".equals(i.cause())) {
            bankNegativeWeight += experienceWeight;
        } else if ("POSITIVE".equals(i.valence())) {
            positiveWeight += experienceWeight;
        }
        if (i.repeatContact()) {
            failureDemandWeight += experienceWeight;
        }
    }

    private void recordFinancials(ClientFact.FinancialsRecorded f) {
        TreeMap<YearMonth, double[]> months = financialMonths();
        months.put(f.month(), new double[] { f.averageBalance(), f.transactionCount(),
                f.transactionAmount() == null ? Double.NaN : f.transactionAmount() });
        while (months.size() > FINANCIAL_MONTHS) {
            months.pollFirstEntry();
        }
        StringBuilder text = new StringBuilder();
        months.descendingMap().forEach((month, v) -> text.append(text.isEmpty() ? "" : ";")
                .append(month).append('=').append(v[0]).append('=').append((long) v[1])
                .append(Double.isNaN(v[2]) ? "" : "=" + v[2]));
        financials = text.toString();
        if (f.transactionCount() > 0) {
            Instant endOfMonth = f.month().atEndOfMonth().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (lastActivityAt == null || endOfMonth.isAfter(lastActivityAt)) {
                lastActivityAt = endOfMonth;
            }
        }
    }

    /** The kept months of financials, oldest first: month → {average balance, transactions, amount (NaN: unknown)}. */
    public TreeMap<YearMonth, double[]> financialMonths() {
        TreeMap<YearMonth, double[]> months = new TreeMap<>();
        if (financials.isEmpty()) {
            return months;
        }
        for (String entry : financials.split(";")) {
            String[] parts = entry.split("=");
            months.put(YearMonth.parse(parts[0]), new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                    parts.length > 3 ? Double.parseDouble(parts[3]) : Double.NaN });
        }
        return months;
    }

    /** The kept months of contacts, oldest first: month → {touchpoints, complaints}. */
    public TreeMap<YearMonth, int[]> contactMonths() {
        TreeMap<YearMonth, int[]> months = new TreeMap<>();
        if (contactMonths.isEmpty()) {
            return months;
        }
        for (String entry : contactMonths.split(";")) {
            String[] parts = entry.split("=");
            months.put(YearMonth.parse(parts[0]), new int[] { Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) });
        }
        return months;
    }

    private void countContact(YearMonth month, boolean complaint) {
        TreeMap<YearMonth, int[]> months = contactMonths();
        if (!months.isEmpty() && months.size() >= CONTACT_MONTHS && month.isBefore(months.firstKey())) {
            return; // older than the kept window: no churn feature counts it
        }
        int[] counts = months.computeIfAbsent(month, m -> new int[2]);
        counts[0]++;
        counts[1] += complaint ? 1 : 0;
        while (months.size() > CONTACT_MONTHS) {
            months.pollFirstEntry();
        }
        StringBuilder text = new StringBuilder();
        months.descendingMap().forEach((m, c) -> text.append(text.isEmpty() ? "" : ";")
                .append(m).append('=').append(c[0]).append('=').append(c[1]));
        contactMonths = text.toString();
    }

    public List<String> heldProducts() {
        return heldProductTypes.isEmpty() ? List.of() : Arrays.asList(heldProductTypes.split(","));
    }

    public List<String> segmentCodes() {
        return Arrays.stream(segments.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    /** Open complaints: journey → caused by the bank. */
    public Map<String, Boolean> openComplaintsByJourney() {
        Map<String, Boolean> open = new java.util.LinkedHashMap<>();
        if (!openComplaints.isEmpty()) {
            for (String entry : openComplaints.split(",")) {
                String[] parts = entry.split(":");
                open.put(parts[0], "BANK".equals(parts[1]));
            }
        }
        return open;
    }

    private void addOpenComplaint(UUID journeyId, boolean bankCaused) {
        Map<String, Boolean> open = openComplaintsByJourney();
        open.merge(journeyId.toString(), bankCaused, Boolean::logicalOr);
        writeOpenComplaints(open);
    }

    /** True when the journey had a complaint open. */
    private boolean removeOpenComplaint(UUID journeyId) {
        if (journeyId == null) {
            return false;
        }
        Map<String, Boolean> open = openComplaintsByJourney();
        if (open.remove(journeyId.toString()) == null) {
            return false;
        }
        writeOpenComplaints(open);
        return true;
    }

    private void writeOpenComplaints(Map<String, Boolean> open) {
        List<String> entries = new ArrayList<>();
        open.forEach((journey, bank) -> entries.add(journey + ":" + (bank ? "BANK" : "OTHER")));
        openComplaints = String.join(",", entries);
    }

    /** Moves the shared reference time forward to {@code at}, decaying every sum by its half-life. */
    private void advance(Instant at, HalfLives halfLives) {
        if (decayAsOf == null) {
            decayAsOf = at;
            return;
        }
        if (!at.isAfter(decayAsOf)) {
            return;
        }
        double behaviour = Decay.factor(decayAsOf, at, halfLives.behaviour());
        double experience = Decay.factor(decayAsOf, at, halfLives.experience());
        clientInitiatedWeight *= behaviour;
        closureWeight *= behaviour;
        complaintWeight *= experience;
        bankNegativeWeight *= experience;
        positiveWeight *= experience;
        failureDemandWeight *= experience;
        csatWeight *= experience;
        csatSum *= experience;
        decayAsOf = at;
    }

    /** The weight, at the reference time, of an event at {@code at}: an event that arrives late weighs less. */
    private double weightAt(Instant at, java.time.Duration halfLife) {
        return Decay.factor(at, decayAsOf, halfLife);
    }

    /** Distinct product types and categories held. */
    public Set<String> distinctProductTypes() {
        return new LinkedHashSet<>(heldProducts());
    }
}
