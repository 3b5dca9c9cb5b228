package org.bankcrm.offer.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.offer.app.Catalogue;
import org.bankcrm.offer.app.Performance;
import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** The offer catalogue. */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Offers")
public class OfferResource {
    private final Catalogue catalogue;
    private final Performance performance;
    private final ObjectMapper json;

    public OfferResource(Catalogue catalogue, Performance performance, ObjectMapper json) {
        this.catalogue = catalogue;
        this.performance = performance;
        this.json = json;
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("performance")
    @Operation(summary = "Acceptance per offer, channel and segment; the model's uplift over the control group with a confidence interval")
    public Uni<Performance.Report> performance() {
        return performance.report();
    }

    public record OfferRequest(
            @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,60}", message = "must be 2-60 upper-case letters, digits or _") String code,
            @NotBlank String name, String description, @NotNull OfferCategory category, String productType,
            @NotNull JsonNode condition, @NotEmpty Set<@NotNull Channel> channels, @NotNull Double value, LocalDate validFrom,
            LocalDate validTo, @DecimalMin(value = "0", inclusive = false) Double priorAccepted,
            @DecimalMin(value = "0", inclusive = false) Double priorDeclined, Boolean active) {

        Catalogue.Definition definition() {
            return new Catalogue.Definition(code, name, description, category, productType, condition.toString(), channels,
                    value, validFrom, validTo, priorAccepted == null ? 1 : priorAccepted,
                    priorDeclined == null ? 19 : priorDeclined, active == null || active);
        }
    }

    public record OfferView(UUID id, String code, String name, String description, OfferCategory category,
            String productType, JsonNode condition, Set<Channel> channels, double value, LocalDate validFrom,
            LocalDate validTo, double priorAccepted, double priorDeclined, boolean active, long revision,
            Instant createdAt, Instant updatedAt) {
    }

    @RolesAllowed({ Roles.MARKETING, Roles.ANALYST })
    @GET
    @Operation(operationId = "listOffers", summary = "The catalogue, optionally one category")
    public Uni<List<OfferView>> list(@QueryParam("category") OfferCategory category) {
        return catalogue.list(category).map(list -> list.stream().map(this::view).toList());
    }

    @RolesAllowed({ Roles.MARKETING, Roles.ANALYST })
    @GET
    @Path("{id}")
    @Operation(operationId = "getOffer", summary = "One offer (404 when unknown)")
    public Uni<OfferView> get(@PathParam("id") UUID id) {
        return catalogue.get(id).map(this::view);
    }

    public record ModelView(UUID offerId, long observations, java.util.Map<String, Double> weights,
            java.util.Map<String, Double> standardDeviations, Instant updatedAt, MonitoringView monitoring) {
    }

    /**
     * How the model is doing over its last {@code window} answers (null figures while there are too few): the online
     * AUC of the propensity it expected before each answer, the Brier score, mean expected vs observed acceptance, and
     * each input's recent mean against its all-time mean, largest shift first.
     */
    public record MonitoringView(long answers, int window, Double auc, Double brier, Double meanExpected,
            Double observedRate, java.util.List<DriftView> drift) {
    }

    public record DriftView(String feature, double allTimeMean, double recentMean, double shift) {
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static MonitoringView monitoring(org.bankcrm.offer.domain.ModelMonitor monitor, java.util.List<String> names) {
        var s = monitor.summary();
        var drift = new java.util.ArrayList<DriftView>();
        var d = monitor.drift();
        for (int i = 0; i < d.size(); i++) {
            drift.add(new DriftView(names.get(i), d.get(i).allTimeMean(), d.get(i).recentMean(), d.get(i).shift()));
        }
        drift.sort(java.util.Comparator.comparingDouble((DriftView v) -> -Math.abs(v.shift())));
        return new MonitoringView(s.answers(), s.window(), finite(s.auc()), finite(s.brier()), finite(s.meanExpected()),
                finite(s.observedRate()), drift);
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("{id}/model")
    @Operation(summary = "The offer's learnt propensity model: posterior mean and standard deviation per feature, and its "
            + "monitoring (online AUC, calibration, feature drift over the last answers)")
    public Uni<ModelView> model(@PathParam("id") UUID id) {
        return catalogue.model(id).map(m -> {
            var weights = new java.util.LinkedHashMap<String, Double>();
            var deviations = new java.util.LinkedHashMap<String, Double>();
            double[] mean = m.model().mean();
            double[] precision = m.model().precision();
            for (int i = 0; i < mean.length; i++) {
                weights.put(m.featureNames().get(i), mean[i]);
                deviations.put(m.featureNames().get(i), 1 / Math.sqrt(precision[i]));
            }
            return new ModelView(id, m.model().observations(), weights, deviations, m.updatedAt(),
                    monitoring(m.monitor(), m.featureNames()));
        });
    }

    @RolesAllowed(Roles.MARKETING)
    @POST
    @Operation(summary = "Add an offer → 201 with Location; 409 with existingId when the code is taken")
    public Uni<Response> create(@Valid @NotNull OfferRequest request) {
        return catalogue.create(request.definition()).map(offer -> Response
                .created(URI.create("/api/v1/offers/" + offer.id)).entity(view(offer)).build());
    }

    @RolesAllowed(Roles.MARKETING)
    @PUT
    @Path("{id}")
    @Operation(summary = "Replace an offer's definition (a new catalogue version)")
    public Uni<OfferView> replace(@PathParam("id") UUID id, @Valid @NotNull OfferRequest request) {
        return catalogue.replace(id, request.definition()).map(this::view);
    }

    OfferView view(Offer o) {
        JsonNode condition;
        try {
            condition = json.readTree(o.conditionJson);
        } catch (Exception e) {
            throw new IllegalStateException("stored condition of " + o.code + " is not JSON", e);
        }
        return new OfferView(o.id, o.code, o.name, o.description, o.category, o.productType, condition, o.channelSet(),
                o.value, o.validFrom, o.validTo, o.priorAccepted, o.priorDeclined, o.active, o.revision, o.createdAt,
                o.updatedAt);
    }
}
