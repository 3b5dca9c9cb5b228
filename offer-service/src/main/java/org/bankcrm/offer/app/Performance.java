package org.bankcrm.offer.app;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.UpliftEstimate;
import org.bankcrm.offer.store.OfferRepository;
import org.bankcrm.offer.store.OfferResponseRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Acceptance per offer, channel and segment, and the model's uplift over the random control group. */
@ApplicationScoped
public class Performance {
    private final OfferResponseRepository responses;
    private final OfferRepository offers;
    private final OfferConfig config;

    public Performance(OfferResponseRepository responses, OfferRepository offers, OfferConfig config) {
        this.responses = responses;
        this.offers = offers;
        this.config = config;
    }

    public record Acceptance(String key, long responses, long accepted, double rate) {
    }

    public record Report(List<Acceptance> byOffer, List<Acceptance> byChannel, List<Acceptance> bySegment,
            UpliftEstimate uplift) {
    }

    @WithSession
    public Uni<Report> report() {
        return offers.listAll().chain(catalogue -> responses.listAll().map(all -> {
            Map<UUID, String> codes = new TreeMap<>();
            catalogue.forEach((Offer o) -> codes.put(o.id, o.code));
            List<Acceptance> byOffer = group(all, r -> List.of(codes.getOrDefault(r.offerId, r.offerId.toString())));
            List<Acceptance> byChannel = group(all, r -> List.of(r.channel));
            List<Acceptance> bySegment = group(all, r -> r.segments.isBlank() ? List.of("(none)") : List.of(r.segments.split(",")));
            long modelN = 0, modelAccepted = 0, controlN = 0, controlAccepted = 0;
            for (OfferResponse r : all) {
                boolean accepted = r.outcome == OfferResponse.Outcome.ACCEPTED;
                if (r.controlGroup) {
                    controlN++;
                    controlAccepted += accepted ? 1 : 0;
                } else {
                    modelN++;
                    modelAccepted += accepted ? 1 : 0;
                }
            }
            double z = config.controlGroup().z();
            double confidence = 1 - 2 * (1 - normalCdf(z));
            return new Report(byOffer, byChannel, bySegment,
                    UpliftEstimate.of(modelN, modelAccepted, controlN, controlAccepted, z, confidence));
        }));
    }

    private static List<Acceptance> group(List<OfferResponse> all, Function<OfferResponse, List<String>> keys) {
        Map<String, long[]> counts = new TreeMap<>();
        for (OfferResponse r : all) {
            for (String key : keys.apply(r)) {
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                c[0]++;
                c[1] += r.outcome == OfferResponse.Outcome.ACCEPTED ? 1 : 0;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Acceptance(e.getKey(), e.getValue()[0], e.getValue()[1], (double) e.getValue()[1] / e.getValue()[0]))
                .toList();
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26), enough to name the interval's confidence level. */
    static double normalCdf(double z) {
        double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z / 2);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
