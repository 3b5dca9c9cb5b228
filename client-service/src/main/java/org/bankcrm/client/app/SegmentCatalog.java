package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.store.SegmentRepository;
import org.bankcrm.platform.http.IfMatch;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Segment definitions: each change is a new version, and the former ones are kept. */
@ApplicationScoped
public class SegmentCatalog {
    private final SegmentRepository segments;
    private final Clock clock = Clock.systemUTC();

    public SegmentCatalog(SegmentRepository segments) {
        this.segments = segments;
    }

    /** A definition as channels send it; the condition is the JSON of the condition language. */
    public record Definition(String name, String description, String condition, Set<ProductType> expectedProducts,
            boolean active) {
    }

    /** A segment with its analysis. */
    public record Analysed(Segment segment, SegmentRepository.Analysis analysis) {
    }

    /** Stores a new segment; the caller starts its recomputation once this has committed. */
    @WithTransaction
    public Uni<Segment> define(String code, Definition definition) {
        SegmentConditions.parse(definition.condition());
        return segments.findByCode(code).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("A segment with this code already exists").with("existingId", existing.id);
            }
            Instant now = clock.instant();
            Segment s = new Segment();
            s.id = UUID.randomUUID();
            s.code = code;
            s.version = 1;
            s.createdAt = now;
            apply(s, definition, now);
            return segments.persist(s).call(segments::flush).call(segments::recordVersion);
        });
    }

    /**
     * Stores a new version if {@code ifMatch} names the current one (else 412); the caller starts its recomputation
     * once this has committed.
     */
    @WithTransaction
    public Uni<Segment> redefine(UUID id, IfMatch ifMatch, Definition definition) {
        SegmentConditions.parse(definition.condition());
        // the row locked: two redefinitions at once come one after the other, each with a version of its own
        return segments.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("segment", id))
                .call(s -> {
                    ifMatch.check(s.version, "segment");
                    s.version++;
                    apply(s, definition, clock.instant());
                    return segments.recordVersion(s);
                });
    }

    @WithSession
    public Uni<Analysed> find(UUID id) {
        return existing(id).chain(s -> segments.analysis(s.code).map(a -> new Analysed(s, a)));
    }

    @WithSession
    public Uni<List<Analysed>> all() {
        return segments.allByCode().chain(all -> {
            Uni<List<Analysed>> result = Uni.createFrom().item(new java.util.ArrayList<>());
            for (Segment s : all) {
                result = result.chain(list -> segments.analysis(s.code).map(a -> {
                    list.add(new Analysed(s, a));
                    return list;
                }));
            }
            return result;
        });
    }

    private Uni<Segment> existing(UUID id) {
        return segments.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("segment", id));
    }

    private static void apply(Segment s, Definition d, Instant now) {
        s.name = d.name().trim();
        s.description = d.description();
        s.condition = d.condition();
        s.expectedProducts = d.expectedProducts() == null ? ""
                : d.expectedProducts().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        s.active = d.active();
        s.recomputeStatus = Segment.Recompute.PENDING;
        s.recomputeDone = 0;
        s.updatedAt = now;
    }
}
