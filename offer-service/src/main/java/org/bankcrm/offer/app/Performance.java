package org.bankcrm.offer.app;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.UpliftEstimate;
import org.bankcrm.offer.store.ResponseStatistics;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Acceptance per offer, channel and segment, and the model's uplift over the random control group: counted in the
 * database ({@link ResponseStatistics}), the interval computed by the domain ({@link UpliftEstimate}). The uplift
 * counts only answers to decisions ranked with the client's models: without profiling consent no model ranked them,
 * so they are neither side of the comparison (reported apart as {@code withoutProfiling}).
 */
@ApplicationScoped
public class Performance {
    private final ResponseStatistics statistics;
    private final OfferConfig config;

    public Performance(ResponseStatistics statistics, OfferConfig config) {
        this.statistics = statistics;
        this.config = config;
    }

    public record Acceptance(String key, long responses, long accepted, double rate) {
    }

    public record Report(List<Acceptance> byOffer, List<Acceptance> byChannel, List<Acceptance> bySegment,
            UpliftEstimate uplift, Acceptance withoutProfiling) {
    }

    @WithSession
    public Uni<Report> report() {
        return statistics.counts().map(counts -> {
            List<Acceptance> byOffer = new ArrayList<>();
            List<Acceptance> byChannel = new ArrayList<>();
            List<Acceptance> bySegment = new ArrayList<>();
            long modelN = 0, modelAccepted = 0, controlN = 0, controlAccepted = 0;
            Acceptance withoutProfiling = new Acceptance("all", 0, 0, 0);
            for (ResponseStatistics.Count c : counts) {
                Acceptance a = new Acceptance(c.key(), c.responses(), c.accepted(), (double) c.accepted() / c.responses());
                switch (c.dimension()) {
                    case ResponseStatistics.OFFER -> byOffer.add(a);
                    case ResponseStatistics.CHANNEL -> byChannel.add(a);
                    case ResponseStatistics.SEGMENT -> bySegment.add(a);
                    case ResponseStatistics.CONTROL_GROUP -> {
                        if (Boolean.parseBoolean(c.key())) {
                            controlN = c.responses();
                            controlAccepted = c.accepted();
                        } else {
                            modelN = c.responses();
                            modelAccepted = c.accepted();
                        }
                    }
                    case ResponseStatistics.WITHOUT_PROFILING -> withoutProfiling = a;
                    default -> throw new IllegalStateException("unknown dimension " + c.dimension());
                }
            }
            return new Report(byOffer, byChannel, bySegment,
                    UpliftEstimate.of(modelN, modelAccepted, controlN, controlAccepted, config.controlGroup().z()),
                    withoutProfiling);
        });
    }
}
