package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.SegmentCatalog;
import org.bankcrm.client.app.SegmentConditions;
import org.bankcrm.client.app.SegmentRecomputation;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.platform.http.IfMatch;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Need-based segments")
public class SegmentResource {
    static final String ETAG_TEXT = "The segment's version, quoted: send it as If-Match with a PUT";
    private final SegmentCatalog catalog;
    private final SegmentRecomputation recomputation;
    private final ObjectMapper json;

    public SegmentResource(SegmentCatalog catalog, SegmentRecomputation recomputation, ObjectMapper json) {
        this.catalog = catalog;
        this.recomputation = recomputation;
        this.json = json;
    }

    public record DefineSegment(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case code, e.g. YOUNG_FAMILIES") String code,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 1000) String description,
            @NotNull JsonNode condition,
            Set<@NotNull ProductType> expectedProducts,
            Boolean active) {
    }

    public record RedefineSegment(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 1000) String description,
            @NotNull JsonNode condition,
            Set<@NotNull ProductType> expectedProducts,
            Boolean active) {
    }

    public record Recomputation(Segment.Recompute status, int version, long total, long done, double progress,
            Instant startedAt, Instant finishedAt, String error) {
    }

    public record SegmentView(UUID id, String code, String name, String description, JsonNode condition,
            Set<ProductType> expectedProducts, int version, boolean active, long size, BigDecimal averageProfitability,
            BigDecimal averageProductsPerClient, Recomputation recomputation, Instant updatedAt) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Operation(operationId = "listSegments", summary = "Every segment with its size, average profitability and products per client")
    public Uni<List<SegmentView>> list() {
        return catalog.all().map(all -> all.stream().map(this::view).toList());
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("{id}")
    @Operation(operationId = "getSegment", summary = "A segment, its analysis and the progress of its recomputation", description = "With its ETag, the version of its definition.")
    @APIResponse(responseCode = "200", description = "The segment", headers = @Header(name = HttpHeaders.ETAG, description = ETAG_TEXT,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SegmentView.class)))
    public Uni<RestResponse<SegmentView>> get(@PathParam("id") UUID id) {
        return catalog.find(id).map(this::tagged);
    }

    private RestResponse<SegmentView> tagged(SegmentCatalog.Analysed a) {
        return RestResponse.ResponseBuilder.ok(view(a)).header(HttpHeaders.ETAG, IfMatch.etag(a.segment().version)).build();
    }

    @RolesAllowed(Roles.MARKETING)
    @POST
    @Operation(summary = "Define a segment", description = "201; membership is computed for all clients in the background (progress in recomputation). 409 when the code is taken.")
    public Uni<RestResponse<SegmentView>> define(@Valid @NotNull DefineSegment request) {
        checked(request.condition());
        var definition = new SegmentCatalog.Definition(request.name(), request.description(), request.condition().toString(),
                request.expectedProducts(), request.active() == null || request.active());
        // the recomputation starts after the commit, so that it reads the new definition
        return catalog.define(request.code(), definition)
                .invoke(s -> recomputation.start(s.id, s.version))
                .chain(s -> catalog.find(s.id))
                .map(a -> RestResponse.ResponseBuilder.<SegmentView>created(URI.create("/api/v1/segments/" + a.segment().id))
                        .entity(view(a)).header(HttpHeaders.ETAG, IfMatch.etag(a.segment().version)).build());
    }

    @RolesAllowed(Roles.MARKETING)
    @PUT
    @Path("{id}")
    @Operation(summary = "Redefine a segment", description = "A new version (the former ones are kept); membership is recomputed for all clients in the background. "
            + "Honours If-Match (412 when the segment is no longer at that version); answers with the new ETag.")
    @APIResponse(responseCode = "200", description = "The segment as redefined", headers = @Header(name = HttpHeaders.ETAG,
            description = ETAG_TEXT, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SegmentView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one (currentETag)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<RestResponse<SegmentView>> redefine(@PathParam("id") UUID id,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ETag of the segment's last read: the change applies "
                    + "only if the segment is still at that version (412 if not); * for any version") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RedefineSegment request) {
        checked(request.condition());
        var definition = new SegmentCatalog.Definition(request.name(), request.description(), request.condition().toString(),
                request.expectedProducts(), request.active() == null || request.active());
        return catalog.redefine(id, IfMatch.parse(ifMatch), definition)
                .invoke(s -> recomputation.start(s.id, s.version))
                .chain(s -> catalog.find(s.id)).map(this::tagged);
    }

    private static void checked(JsonNode condition) {
        try {
            SegmentConditions.parse(condition, "condition");
        } catch (SegmentConditions.InvalidCondition e) {
            throw ProblemException.invalidField(e.path, e.getMessage());
        }
    }

    private SegmentView view(SegmentCatalog.Analysed a) {
        Segment s = a.segment();
        JsonNode condition;
        try {
            condition = json.readTree(s.condition);
        } catch (Exception e) {
            throw new IllegalStateException("stored condition of segment " + s.code + " is not JSON", e);
        }
        double progress = s.recomputeTotal == 0 ? (s.recomputeStatus == Segment.Recompute.DONE ? 1.0 : 0.0)
                : Math.min(1.0, (double) s.recomputeDone / s.recomputeTotal);
        return new SegmentView(s.id, s.code, s.name, s.description, condition, s.expectedProductTypes(), s.version, s.active,
                a.analysis().size(), a.analysis().averageProfitability(), a.analysis().averageProducts(),
                new Recomputation(s.recomputeStatus, s.recomputeVersion, s.recomputeTotal, s.recomputeDone, progress,
                        s.recomputeStartedAt, s.recomputeFinishedAt, s.recomputeError),
                s.updatedAt);
    }
}
