package org.bankcrm.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code crm start <component>} runs in its own JVM, but the supervisor owns the processes and the state file: the
 * command leaves one empty file per component under {@code .crm/run/start-requests/}, the supervisor takes them
 * (deletes them) every half second and starts what they name.
 */
final class StartRequests {
    private StartRequests() {
    }

    static Path directory(Layout layout) {
        return layout.run().resolve("start-requests");
    }

    static void request(Layout layout, String component) throws IOException {
        Files.createDirectories(directory(layout));
        Files.writeString(directory(layout).resolve(component), "");
    }

    /** The components asked for since the last call; each request is taken once. */
    static List<String> take(Layout layout) {
        Path directory = directory(layout);
        List<String> components = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return components;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    components.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // asked again by the next round
        }
        return components;
    }
}
