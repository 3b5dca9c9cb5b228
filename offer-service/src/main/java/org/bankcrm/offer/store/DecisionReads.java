package org.bankcrm.offer.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ClientSnapshot;
import org.bankcrm.offer.domain.Consents;
import org.bankcrm.offer.domain.Demographics;
import org.bankcrm.offer.domain.ContactHistory;
import org.bankcrm.offer.domain.Experience;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.PastContact;
import org.bankcrm.offer.domain.Channel;

import org.bankcrm.platform.store.PlatformStatements;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a decision reads of one client, in one round trip: erased or not, the read model, and the contact history
 * (declined offers within the cooldown, sales actions presented within the week, answered contacts). Timestamps travel as epoch
 * microseconds (PostgreSQL's precision) so no driver type mapping is involved. Run on the session's connection without
 * Hibernate ({@link PlatformStatements#select}): its native select parsed this statement and looked for a plan on
 * every decision.
 */
@ApplicationScoped
public class DecisionReads {
    /** The columns a decision reads of a client; {@code %1$s} completes "the client's id ..." in the correlated reads. */
    private static final String COLUMNS = """
            select exists (select 1 from client_tombstone e where e.client_id %1$s),
                   p.client_id is not null,
                   p.client_type, p.age_band, p.income_bracket,
                   p.consent_marketing_email, p.consent_marketing_sms, p.consent_marketing_push, p.consent_marketing_phone,
                   p.consent_profiling,
                   p.held_products, p.segments, p.quadrant, p.strategy, p.loyalty_type, p.behavioural, p.perceived,
                   p.churn_risk, p.open_complaints,
                   cast(extract(epoch from p.last_negative_bank_caused_at) * 1000000 as bigint),
                   p.last_channel, p.last_type, p.last_valence, p.last_cause,
                   cast(extract(epoch from p.last_experience_at) * 1000000 as bigint),
                   (select cast(coalesce(sum(d.sales_presented), 0) as integer) from decision d
                     where d.client_id %1$s and d.sales_presented > 0 and d.decided_at > to_timestamp(cast($2 as bigint) / 1000000.0)),
                   (select string_agg(r.offer_id || '@' || cast(extract(epoch from r.at) * 1000000 as bigint), ',')
                      from (select offer_id, max(responded_at) as at from offer_response
                             where client_id %1$s and outcome = 'DECLINED' and responded_at > to_timestamp(cast($3 as bigint) / 1000000.0)
                             group by offer_id) r),
                   (select string_agg(c.offer_id || '|' || c.category || '|' || coalesce(c.channel, '') || '|' || c.outcome
                                      || '|' || cast(extract(epoch from c.responded_at) * 1000000 as bigint), ',')
                      from offer_response c
                     where c.client_id %1$s and c.responded_at > to_timestamp(cast($4 as bigint) / 1000000.0)),
                   p.stated_needs, p.occupation, p.marital_status, p.education, p.household_size, p.dependants
            """;

    static final String CLIENT_STATE = COLUMNS.formatted("= $1") + """
              from (select 1) one
              left join client_profile p on p.client_id = $1
            """;

    /**
     * {@link #CLIENT_STATE} for the clients with a profile among many (a consumer's batch): the same columns, then the
     * client's id last; the correlated reads use the index on client_id as the one-client read does. Only clients with
     * a profile: a client without one is read alone.
     */
    static final String CLIENTS_STATE = COLUMNS.formatted("= p.client_id") + """
                   , p.client_id
              from client_profile p
             where p.client_id = any($1::uuid[])
            """;

    /** The client as a decision sees it; {@code client} is null when no event about them arrived yet. */
    public record ClientState(boolean erased, ClientSnapshot client, ContactHistory history) {
    }

    public Uni<ClientState> read(UUID clientId, Instant declinedSince, Instant salesSince, Instant contactsSince) {
        return flushed().chain(() -> PlatformStatements.select(CLIENT_STATE, clientId, micros(salesSince),
                        micros(declinedSince), micros(contactsSince)))
                .map(rows -> state(clientId, rows.get(0)));
    }

    /** {@link #read} for the clients with a profile among {@code clientIds}, in one round trip, by client. */
    public Uni<Map<UUID, ClientState>> readAll(Collection<UUID> clientIds, Instant declinedSince, Instant salesSince,
            Instant contactsSince) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return flushed().chain(() -> PlatformStatements.select(CLIENTS_STATE, clientIds.toArray(UUID[]::new),
                        micros(salesSince), micros(declinedSince), micros(contactsSince)))
                .map(rows -> {
                    Map<UUID, ClientState> states = new HashMap<>();
                    for (Object[] row : rows) {
                        UUID clientId = (UUID) row[row.length - 1];
                        states.put(clientId, state(clientId, row));
                    }
                    return states;
                });
    }

    /**
     * The session's pending changes written first (a profile the same transaction changed is read as changed), as
     * Hibernate's auto-flush did before its native selects: the reads go to the connection without Hibernate.
     */
    private static Uni<Void> flushed() {
        return Panache.getSession().chain(session -> session.flush());
    }

    static ClientState state(UUID clientId, Object[] r) {
        boolean erased = (Boolean) r[0];
        boolean known = (Boolean) r[1];
        ClientSnapshot client = null;
        if (known) {
            Consents consents = new Consents((Boolean) r[5], (Boolean) r[6], (Boolean) r[7], (Boolean) r[8], (Boolean) r[9]);
            Instant lastExperienceAt = instant(r[24]);
            Experience latest = lastExperienceAt == null ? null
                    : new Experience((String) r[20], (String) r[21], (String) r[22], (String) r[23], lastExperienceAt);
            client = new ClientSnapshot(clientId, (String) r[2], (String) r[3], (String) r[4], consents, split((String) r[10]),
                    split((String) r[11]), (String) r[12], (String) r[13], (String) r[14], number(r[15]), number(r[16]),
                    number(r[17]), split((String) r[18]).size(), instant(r[19]), latest, split((String) r[28]),
                    new Demographics((String) r[29], (String) r[30], (String) r[31], integer(r[32]), integer(r[33])));
        }
        int sales = ((Number) r[25]).intValue();
        Map<UUID, Instant> declined = new LinkedHashMap<>();
        String declines = (String) r[26];
        if (declines != null && !declines.isEmpty()) {
            for (String entry : declines.split(",")) {
                int at = entry.indexOf('@');
                declined.put(UUID.fromString(entry.substring(0, at)), instant(Long.parseLong(entry.substring(at + 1))));
            }
        }
        List<PastContact> contacts = new ArrayList<>();
        String answered = (String) r[27];
        if (answered != null && !answered.isEmpty()) {
            for (String entry : answered.split(",")) {
                String[] f = entry.split("\\|", -1);
                contacts.add(new PastContact(UUID.fromString(f[0]), OfferCategory.valueOf(f[1]),
                        f[2].isEmpty() ? null : Channel.valueOf(f[2]), OfferResponse.Outcome.valueOf(f[3]),
                        instant(Long.parseLong(f[4]))));
            }
        }
        return new ClientState(erased, client, new ContactHistory(declined, sales, contacts));
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Instant instant(Object micros) {
        if (micros == null) {
            return null;
        }
        long m = ((Number) micros).longValue();
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }
}
