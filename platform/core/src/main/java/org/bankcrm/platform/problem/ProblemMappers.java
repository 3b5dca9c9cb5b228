package org.bankcrm.platform.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.bankcrm.platform.inbox.TransientFailures;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a service returns is an RFC 9457 application/problem+json document: validation errors
 * name each field and its reason, malformed JSON says where, unknown ids are 404, conflicts 409, and an
 * unexpected failure is a 500 that carries only an error id to look up in the log, never a stack trace; a transient one
 * (the database or the broker unreachable, {@link TransientFailures}) a 503 with {@code Retry-After}.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(null, e.title(), e.status(), e.getMessage(), instance(uri), e.violations(), e.extensions()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
        return respond(new Problem(null, "Bad Request", 400, "The request has invalid fields", instance(uri), violations, null));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String message = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + java.util.Arrays.toString(e.getTargetType().getEnumConstants())
                : "cannot be read as " + (e.getTargetType() == null ? "the expected type" : e.getTargetType().getSimpleName());
        return invalidBody(field, message, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return invalidBody(jsonPath(e), "is not a known field", uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return invalidBody(jsonPath(e), "has the wrong JSON type", uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jsonMapping(JsonMappingException e, UriInfo uri) {
        return invalidBody(jsonPath(e), e.getOriginalMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jsonParse(JsonParseException e, UriInfo uri) {
        return respond(new Problem(null, "Bad Request", 400,
                "The request body is not valid JSON: " + e.getOriginalMessage(), instance(uri), null, null));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> json(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(null, "Bad Request", 400,
                "The request body cannot be read: " + e.getOriginalMessage(), instance(uri), null, null));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri);
        }
        // Quarkus REST wraps the Jackson errors it does not rethrow (e.g. an InputBounds refusal) in a 400
        if (e.getCause() instanceof JsonProcessingException cause) {
            return jackson(cause, uri);
        }
        String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage() : null;
        return respond(new Problem(null, status.getReasonPhrase(), status.getStatusCode(), detail, instance(uri), null, null));
    }

    /** The answer of the most specific Jackson mapper above to {@code e}. */
    RestResponse<Problem> jackson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidFormatException invalid) {
            return invalidFormat(invalid, uri);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched, uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        }
        if (e instanceof JsonParseException parse) {
            return jsonParse(parse, uri);
        }
        return json(e, uri);
    }

    /**
     * How long a channel is told to wait ({@code Retry-After}, seconds) when what a request needs is unreachable for now.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        if (TransientFailures.isTransient(e)) {
            // the database (or the broker) unreachable: not a defect, no stack trace; the channel may try again
            LOG.warnf("unavailable %s on %s: %s", errorId, uri == null ? "?" : uri.getPath(), e.getMessage());
            return RestResponse.ResponseBuilder.<Problem>create(503)
                    .entity(new Problem(null, "Service Unavailable", 503,
                            "A system this request needs is unreachable for now; nothing was changed. Try again in "
                                    + RETRY_AFTER_SECONDS + " seconds (error id " + errorId + ")",
                            instance(uri), null, Map.of("errorId", errorId)))
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                    .build();
        }
        LOG.errorf(e, "unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(new Problem(null, "Internal Server Error", 500,
                "An unexpected error occurred; quote error id " + errorId + " to support", instance(uri), null,
                Map.of("errorId", errorId)));
    }

    private RestResponse<Problem> invalidBody(String field, String message, UriInfo uri) {
        return respond(new Problem(null, "Bad Request", 400, "The request has invalid fields", instance(uri),
                List.of(new Problem.Violation(field, message)), null));
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    private static URI instance(UriInfo uri) {
        return uri == null ? null : Problem.instanceOf(uri.getPath());
    }

    /** The JSON property path of a binding error, e.g. {@code consents.marketingEmail}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * The field of a violation as the client sees it: for a body parameter the property path inside the
     * body ({@code fullName}, {@code consents.marketingSms}); for a query or path parameter its name.
     */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // Bean Validation puts an element's index on the node *after* the container: clients[1].email
            if (node.isInIterable() && !names.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + position + "]");
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                names.add(node.getName());
            }
        }
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return parameter != null ? parameter : path.toString();
    }
}
