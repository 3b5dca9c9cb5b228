package org.bankcrm.platform.http;

import java.util.Arrays;
import java.util.List;

import org.bankcrm.platform.problem.ProblemException;

/**
 * A request's {@code If-Match} header (RFC 9110, 13.1.1) against a resource whose {@code ETag} is its version
 * ({@link #etag}): {@code *} matches any current version, a list matches when one of its strong tags is the current
 * one. A weak tag ({@code W/"3"}) never matches, as the RFC's strong comparison requires.
 */
public final class IfMatch {
    /** No If-Match in the request: any version will do. */
    public static final IfMatch NONE = new IfMatch(false, false, List.of());

    private final boolean present;
    private final boolean any;
    private final List<String> tags;

    private IfMatch(boolean present, boolean any, List<String> tags) {
        this.present = present;
        this.any = any;
        this.tags = tags;
    }

    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, true, List.of());
        }
        return new IfMatch(true, false, Arrays.stream(header.split(",")).map(String::trim).toList());
    }

    /** The strong ETag of {@code version}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public boolean isPresent() {
        return present;
    }

    public boolean matches(long version) {
        return !present || any || tags.contains(etag(version));
    }

    /** A 412 when the request's If-Match does not name {@code version}, the current one of {@code what}. */
    public void check(long version, String what) {
        if (!matches(version)) {
            throw new ProblemException(412, "Precondition Failed",
                    "The " + what + " changed since the version in If-Match: read it again and apply the change to that")
                    .with("currentETag", etag(version));
        }
    }

    /** A 428 for a change that came without If-Match where one is required. */
    public static ProblemException required(String what) {
        return new ProblemException(428, "Precondition Required",
                "A change of the " + what + " needs an If-Match header with the ETag of its last read");
    }
}
