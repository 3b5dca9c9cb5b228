package org.bankcrm.client.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.bankcrm.client.app.BulkRegistration;
import org.bankcrm.client.app.ClientConfig;
import org.bankcrm.client.app.ClientRegistry;
import org.bankcrm.client.app.ProductPortfolio;
import org.bankcrm.client.app.SegmentAssignment;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;
import org.bankcrm.client.store.ClientSearch;
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

import io.smallrye.mutiny.Uni;

// the class sits on /api/v1 so that /api/v1/clients:batch can be routed: RESTEasy Reactive matches a class
// path as a plain prefix and does not fall back to another class when the rest (":batch") matches no method
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
public class ClientResource {
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String IF_MATCH = "If-Match";
    static final String ETAG_TEXT = "The version of the client's record (details, consents, erasure), quoted: send it as If-Match with a PUT or PATCH";
    static final String IF_MATCH_TEXT = "The ETag of the client's last read: the change applies only if the client is still at that version "
            + "(412 if not); * for any version. Required when crm.client.require-if-match is true (428 without it).";
    static final String PROBLEM = "application/problem+json";

    private final ClientRegistry registry;
    private final ProductPortfolio portfolio;
    private final SegmentAssignment segments;
    private final BulkRegistration bulk;
    private final jakarta.validation.Validator validator;
    private final boolean requireIfMatch;

    public ClientResource(ClientRegistry registry, ProductPortfolio portfolio, SegmentAssignment segments,
            BulkRegistration bulk, jakarta.validation.Validator validator, ClientConfig config) {
        this.requireIfMatch = config.requireIfMatch();
        this.bulk = bulk;
        this.validator = validator;
        this.registry = registry;
        this.portfolio = portfolio;
        this.segments = segments;
    }

    @RolesAllowed(Roles.CHANNEL)
    @POST
    @Path("clients")
    @Operation(summary = "Register a client", description = "201 with the client, its Location and ETag; 409 with existingId when the externalRef is taken.")
    @APIResponse(responseCode = "201", description = "Registered", headers = @Header(name = HttpHeaders.ETAG, description = ETAG_TEXT,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "409", description = "The externalRef is taken; existingId names its client",
            content = @Content(mediaType = PROBLEM))
    public Uni<RestResponse<ClientView>> register(@Valid @NotNull ClientRequests.RegisterClient request) {
        return registry.register(request.toDomain()).chain(client -> view(client)
                .map(view -> RestResponse.ResponseBuilder
                        .<ClientView>created(URI.create("/api/v1/clients/" + view.id()))
                        .entity(view)
                        .header(HttpHeaders.ETAG, IfMatch.etag(client.version))
                        .build()));
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("clients")
    @Operation(summary = "Search clients", description = "q matches a name fragment (case and accents ignored), or exactly an e-mail, phone or externalRef; "
            + "filters by segment code, value quadrant and strategy; sort by createdAt (default), fullName, customerSince or externalRef, '-' for descending; "
            + "page from 0, size 1-100 (default 20); erased clients are never found. Name, e-mail and phone are listed only to "
            + "the channel role, which serves clients one at a time; an analyst gets them null and may not search by q (403). "
            + "Every search is in the access audit, one entry per client listed.")
    public Uni<ClientSummary.Page> search(@Context SecurityContext caller, @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("segment") @Size(max = 64) String segment,
            @QueryParam("quadrant") String quadrant,
            @QueryParam("strategy") String strategy,
            @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        ClientSearch.Order order = ClientSearch.Order.parse(sort).orElseThrow(() -> ProblemException.invalidField("sort",
                "must be one of " + ClientSearch.Order.ALLOWED + ", optionally preceded by '-' for descending"));
        // direct identifiers are for the front office; an analyst works on segments and quadrants, not on people
        boolean identifies = caller.isUserInRole(Roles.CHANNEL);
        if (!identifies && q != null && !q.isBlank()) {
            throw new ProblemException(403, "Forbidden", "Searching by name, e-mail, phone or externalRef needs the "
                    + Roles.CHANNEL + " role").with("field", "q");
        }
        LocalDate today = today();
        var search = new ClientSearch(q, segment, enumeration("quadrant", ValueQuadrant.class, quadrant),
                enumeration("strategy", ValueStrategy.class, strategy), order, page, size);
        return registry.search(search)
                .map(result -> new ClientSummary.Page(result.items().stream().map(c -> ClientSummary.of(c, today, identifies)).toList(),
                        page, size, result.total(), result.exact(), (result.total() + size - 1) / size));
    }

    @RolesAllowed(Roles.CHANNEL)
    @GET
    @Path("clients/{id}")
    @Operation(operationId = "getClient", summary = "Read a client", description = "With its ETag; 404 when unknown, 410 once erased.")
    @APIResponse(responseCode = "200", description = "The client", headers = @Header(name = HttpHeaders.ETAG, description = ETAG_TEXT,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    public Uni<RestResponse<ClientView>> get(@PathParam("id") UUID id) {
        return registry.find(id).chain(this::tagged);
    }

    /** The client's view with its ETag, the version of its record. */
    private Uni<RestResponse<ClientView>> tagged(Client client) {
        return view(client).map(view -> RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, IfMatch.etag(client.version)).build());
    }

    /** The request's If-Match; 428 when it is missing and required. */
    private IfMatch precondition(String header) {
        IfMatch ifMatch = IfMatch.parse(header);
        if (requireIfMatch && !ifMatch.isPresent()) {
            throw IfMatch.required("client");
        }
        return ifMatch;
    }

    /** The client as every answer shows it: with the products they hold and their segments. */
    private Uni<ClientView> view(Client client) {
        return portfolio.of(client.id).chain(products -> segments.codesOf(client.id)
                .map(codes -> ClientView.of(client, today(),
                        products.stream().filter(p -> p.isOpen()).map(p -> p.type).toList(), codes)));
    }

    @RolesAllowed(Roles.CHANNEL)
    @PUT
    @Path("clients/{id}")
    @Operation(summary = "Replace a client's details", description = "Same fields and rules as the registration; absent optional fields become empty, an absent customerSince stays. "
            + "Honours If-Match (412 on a stale version, 428 when required and missing); answers with the new ETag.")
    @APIResponse(responseCode = "200", description = "The client as changed", headers = @Header(name = HttpHeaders.ETAG, description = ETAG_TEXT,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one (currentETag)",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "428", description = "If-Match is required (crm.client.require-if-match) and missing",
            content = @Content(mediaType = PROBLEM))
    public Uni<RestResponse<ClientView>> replace(@PathParam("id") UUID id,
            @Parameter(name = IF_MATCH, in = ParameterIn.HEADER, description = IF_MATCH_TEXT) @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull ClientRequests.RegisterClient request) {
        return registry.update(id, precondition(ifMatch), request::replacing).chain(this::tagged);
    }

    @RolesAllowed(Roles.CHANNEL)
    @PATCH
    @Path("clients/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @Operation(summary = "Change some of a client's details", description = "The fields present replace the current ones; to remove an optional value, use PUT. "
            + "Honours If-Match (412 on a stale version, 428 when required and missing); answers with the new ETag.")
    @APIResponse(responseCode = "200", description = "The client as changed", headers = @Header(name = HttpHeaders.ETAG, description = ETAG_TEXT,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one (currentETag)",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "428", description = "If-Match is required (crm.client.require-if-match) and missing",
            content = @Content(mediaType = PROBLEM))
    public Uni<RestResponse<ClientView>> patch(@PathParam("id") UUID id,
            @Parameter(name = IF_MATCH, in = ParameterIn.HEADER, description = IF_MATCH_TEXT) @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull ClientRequests.PatchClient request) {
        return registry.update(id, precondition(ifMatch), request::mergeInto).chain(this::tagged);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("clients/{id}")
    @Operation(summary = "Erase a client (right to erasure)", description = "Anonymises the personal data, keeps the pseudonymous id and aggregates; 204, then reads are 410.")
    public Uni<RestResponse<Void>> erase(@PathParam("id") UUID id) {
        return registry.erase(id).map(client -> RestResponse.noContent());
    }

    @RolesAllowed(Roles.CHANNEL)
    @GET
    @Path("clients/{id}/consents")
    @Operation(summary = "A client's consents and their history")
    public Uni<ConsentsView> consents(@PathParam("id") UUID id) {
        return registry.find(id).chain(client -> registry.consentHistory(id)
                .map(history -> new ConsentsView(id, ClientRequests.ConsentsBody.of(client.consents),
                        history.stream().map(ConsentsView.Entry::of).toList())));
    }

    @RolesAllowed(Roles.CHANNEL)
    @PUT
    @Path("clients/{id}/consents")
    @Operation(summary = "Change consents", description = "The answers given replace the current ones; each change is kept with its time and source.")
    public Uni<ConsentsView> changeConsents(@PathParam("id") UUID id, @Valid @NotNull ClientRequests.ChangeConsents request) {
        return registry.changeConsents(id, request::mergeInto, request.source()).chain(client -> consents(id));
    }

    /** An enumeration in a query parameter; unknown values are a 400 naming the parameter (JAX-RS would say 404). */
    static <E extends Enum<E>> E enumeration(String parameter, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @Path("clients:batch")
    @Operation(summary = "Register up to 1,000 clients at once", description = "All or none, with the validation and the events of a single registration; "
            + "invalid fields are named clients[i].<field>, a taken or repeated externalRef is a 409 with the index. 201 with the ids in request order.")
    public Uni<RestResponse<BulkRequests.Registered>> registerAll(@Valid @NotNull BulkRequests.RegisterClients request) {
        checkEach(request.clients());
        return bulk.registerAll(request.clients().stream().map(ClientRequests.RegisterClient::toDomain).toList())
                .map(created -> RestResponse.status(RestResponse.Status.CREATED,
                        new BulkRequests.Registered(created.size(), created.stream().map(c -> c.id).toList())));
    }

    /**
     * Validates each client of a batch and names the field {@code clients[i].<path>} (the platform's mapping
     * of container-element violations would put the index on the last name).
     */
    private void checkEach(java.util.List<ClientRequests.RegisterClient> clients) {
        org.bankcrm.platform.problem.ProblemException problem = null;
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i) == null) {
                problem = ProblemException.invalidField(problem, "clients[" + i + "]", "must not be null");
                continue;
            }
            var violations = new java.util.ArrayList<>(validator.validate(clients.get(i)));
            violations.sort(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()));
            for (var violation : violations) {
                problem = ProblemException.invalidField(problem, "clients[" + i + "]." + violation.getPropertyPath(), violation.getMessage());
            }
        }
        if (problem != null) {
            throw problem;
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
