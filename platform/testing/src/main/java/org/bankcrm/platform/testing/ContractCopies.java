package org.bankcrm.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Consumers keep a copy of the producer's contract files under {@code src/test/resources/contracts/<producer>/}.
 * When the producer's module sits beside the consumer's (a checkout of the whole repository), the copy
 * must be identical to the producer's current file, so a contract change is seen by every consumer.
 */
public final class ContractCopies {
    private ContractCopies() {
    }

    /** The producer's current file, e.g. {@code producerFile("client-service", "crm.client.registered.schema.json")}. */
    public static Optional<String> producerFile(String producer, String file) {
        Path path = Path.of("..", producer, "src", "main", "resources", "contracts", file);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
