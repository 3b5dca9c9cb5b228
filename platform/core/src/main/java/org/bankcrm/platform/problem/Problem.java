package org.bankcrm.platform.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem detail. {@code violations} lists each invalid field with its reason; any other
 * extension member (e.g. {@code existingId} on a conflict) is carried in {@code extensions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "violations" })
public record Problem(URI type, String title, int status, String detail, URI instance, List<Violation> violations,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field (JSON property path, or query/path parameter name) and why. */
    public record Violation(String field, String message) {
    }

    /**
     * The {@code instance} of a problem about a request to {@code path} (decoded, as the router saw it): quoted
     * where it holds characters a URI cannot (a space, a control character), so that a hostile path cannot make
     * the error answer fail in its turn.
     */
    public static URI instanceOf(String path) {
        if (path == null) {
            return null;
        }
        try {
            return new URI(null, null, path, null);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        violations = violations == null || violations.isEmpty() ? null : List.copyOf(violations);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return new LinkedHashMap<>(extensions);
    }
}
