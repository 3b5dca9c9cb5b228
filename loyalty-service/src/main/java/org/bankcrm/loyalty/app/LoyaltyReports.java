package org.bankcrm.loyalty.app;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ClientProfile;
import org.bankcrm.loyalty.domain.LoyaltyScore;
import org.bankcrm.loyalty.domain.LoyaltyType;
import org.bankcrm.loyalty.domain.ScoreChange;
import org.bankcrm.loyalty.domain.ScoreFactor;
import org.bankcrm.loyalty.store.ClientProfileRepository;
import org.bankcrm.loyalty.store.LoyaltyScoreRepository;
import org.bankcrm.loyalty.store.LoyaltyScoreRepository.DistributionCell;
import org.bankcrm.loyalty.store.ScoreChangeRepository;
import org.bankcrm.platform.parking.ParkedRecords;
import org.bankcrm.platform.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads of scores, history and distribution; 404 problems for clients without a score. */
@ApplicationScoped
public class LoyaltyReports {

    /** Counts per loyalty type and per tenth of each score (bucket i covers [10·(i−1), 10·i) points, 0.1 of risk). */
    public record Distribution(long clients, Map<LoyaltyType, Long> types, long[] behavioural, long[] perceived,
            long[] churnRisk) {
    }

    private final ClientProfileRepository profiles;
    private final LoyaltyScoreRepository scores;
    private final ScoreChangeRepository history;
    private final ParkedRecords parked;
    private final ObjectMapper json;

    public LoyaltyReports(ClientProfileRepository profiles, LoyaltyScoreRepository scores, ScoreChangeRepository history,
            ParkedRecords parked, ObjectMapper json) {
        this.profiles = profiles;
        this.scores = scores;
        this.history = history;
        this.parked = parked;
        this.json = json;
    }

    @WithSession
    public Uni<LoyaltyScore> score(UUID clientId) {
        return scores.findById(clientId).onItem().ifNull().failWith(() -> ProblemException.notFound("loyalty score of client", clientId));
    }

    @WithSession
    public Uni<List<ScoreChange>> history(UUID clientId, int page, int size) {
        return scores.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("loyalty score of client", clientId))
                .chain(s -> history.ofClient(clientId, page, size));
    }

    @WithSession
    public Uni<ClientProfile> profile(UUID clientId) {
        return profiles.findById(clientId).onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId));
    }

    @WithSession
    public Uni<Long> parkedEvents(UUID clientId) {
        return parked.countFor(clientId.toString());
    }

    @WithSession
    public Uni<Distribution> distribution(String segment, String quadrant) {
        return scores.distribution(blankToNull(segment), blankToNull(quadrant)).map(LoyaltyReports::summarise);
    }

    static Distribution summarise(List<DistributionCell> cells) {
        Map<LoyaltyType, Long> types = new EnumMap<>(LoyaltyType.class);
        for (LoyaltyType t : LoyaltyType.values()) {
            types.put(t, 0L);
        }
        long[] b = new long[10];
        long[] p = new long[10];
        long[] c = new long[10];
        long total = 0;
        for (DistributionCell cell : cells) {
            total += cell.clients();
            types.merge(LoyaltyType.valueOf(cell.type()), cell.clients(), Long::sum);
            b[bucket(cell.behaviouralBucket())] += cell.clients();
            p[bucket(cell.perceivedBucket())] += cell.clients();
            if (cell.churnBucket() > 0) { // 0: no churn risk (no profiling consent), in no bucket
                c[bucket(cell.churnBucket())] += cell.clients();
            }
        }
        return new Distribution(total, types, b, p, c);
    }

    private static int bucket(int widthBucket) {
        return Math.max(0, Math.min(9, widthBucket - 1));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public List<ScoreFactor> factors(LoyaltyScore score) {
        try {
            return json.readValue(score.factors, new TypeReference<List<ScoreFactor>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
