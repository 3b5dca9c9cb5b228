package org.bankcrm.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks event payloads against the producer's JSON Schema (draft 2020-12), loaded from the test
 * classpath: a consumer keeps a copy of the producer's {@code contracts/} files under its test resources.
 */
public final class EventContracts {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventContracts() {
    }

    /** The schema errors of {@code json} against the schema at {@code schemaResource}; empty when valid. */
    public static List<String> violations(String schemaResource, String json) {
        Schema schema = REGISTRY.getSchema(resource(schemaResource), InputFormat.JSON);
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** The text of a classpath resource. */
    public static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
