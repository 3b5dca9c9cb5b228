package org.bankcrm.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import org.bankcrm.platform.problem.Problem;

/**
 * Describes in every service's OpenAPI document the error answers every operation can give, each with its RFC 9457
 * problem+json body (the {@code Problem} schema): 400 (invalid input) where the operation takes a body or a
 * parameter, 401 and 403 on every secured operation, 404 where the path names a resource, 412 and 428 where it
 * reads If-Match; and gives every 4xx or 5xx an operation already describes the same body. So a client generated
 * from the document knows the errors and their shape. Registered by {@code mp.openapi.filter} (platform defaults).
 */
public class ProblemResponses implements OASFilter {
    static final String SCHEMA = "Problem";
    static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), path.getValue(), entry.getValue());
            }
        }
    }

    private static void describe(String path, PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean takesInput = operation.getRequestBody() != null || !parameters(item, operation).isEmpty();
        if (takesInput) {
            ensure(responses, "400", "Invalid input: the problem lists each field and the reason (violations)");
        }
        if (secured && path.startsWith("/api/")) {
            ensure(responses, "401", "No valid bearer token");
            ensure(responses, "403", "The token's roles do not allow this operation");
        }
        if (path.contains("{")) {
            ensure(responses, "404", "No such resource (or an erased client)");
        }
        if (parameters(item, operation).stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && "If-Match".equalsIgnoreCase(p.getName()))) {
            ensure(responses, "412", "If-Match names another version than the current one");
        }
        if (responses.getAPIResponses() != null) {
            for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    withProblemBody(response.getValue());
                }
            }
        }
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    private static void ensure(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void withProblemBody(APIResponse response) {
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        Map<String, MediaType> types = content.getMediaTypes() == null ? Map.of() : content.getMediaTypes();
        // a body the operation describes under another type (e.g. application/json) is the same problem
        for (String type : new LinkedHashMap<>(types).keySet()) {
            if (!type.equals(Problem.MEDIA_TYPE)) {
                content.removeMediaType(type);
            }
        }
        MediaType problem = content.getMediaType(Problem.MEDIA_TYPE);
        if (problem == null) {
            problem = OASFactory.createMediaType();
            content.addMediaType(Problem.MEDIA_TYPE, problem);
        }
        if (problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(REF));
        }
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("An error, as an RFC 9457 problem");
        }
    }

    static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid input: the field (JSON property path, query or path parameter) and why")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail; other members (e.g. existingId, currentETag) may follow")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation))
                .required(List.of("title", "status"))
                .additionalPropertiesBoolean(true);
    }
}
