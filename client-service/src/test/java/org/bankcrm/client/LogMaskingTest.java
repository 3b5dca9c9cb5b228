package org.bankcrm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;

import org.bankcrm.client.app.ClientRegistry;
import org.bankcrm.platform.testing.CrmTestResource;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform's log filter is switched on by the platform jar's own configuration, with nothing in this
 * service's application.properties but a test log file to read back.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class LogMaskingTest {
    static final Path LOG_FILE = Path.of("target", "test-logs", "client-service.log");

    @Test
    void personalDataLoggedThroughTheServicesLoggerIsMaskedInTheLogFile() {
        String marker = UUID.randomUUID().toString();
        Logger.getLogger(ClientRegistry.class).infof("%s client jana.novakova@example.org, phone %s, card %s, port %d",
                marker, "+420 601 234 567", "4111 1111 1111 1111", 8081);
        Logger.getLogger(ClientRegistry.class).error(marker + " failed",
                new IllegalStateException("Key (email)=(jana.novakova@example.org) already exists"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String log = read();
            assertThat(log).contains(marker + " client [EMAIL], phone [PHONE], card [CARD], port 8081");
            assertThat(log).contains("java.lang.IllegalStateException: Key (email)=([EMAIL]) already exists");
            assertThat(log).doesNotContain("jana.novakova@example.org").doesNotContain("601 234 567")
                    .doesNotContain("4111 1111 1111 1111");
        });
    }

    @Test
    void theConsoleHandlersFilterMasksPersonalData() {
        List<Handler> handlers = new ArrayList<>();
        collect(LogContext.getLogContext().getLogger("").getHandlers(), handlers);
        List<Handler> consoles = handlers.stream()
                .filter(h -> h.getClass().getSimpleName().equals("ConsoleHandler")).toList();
        assertThat(consoles).isNotEmpty().allSatisfy(console -> {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "client %s", ExtLogRecord.FormatStyle.PRINTF,
                    LogMaskingTest.class.getName());
            record.setParameters(new Object[] { "jana.novakova@example.org" });
            assertThat(console.getFilter()).isNotNull();
            console.getFilter().isLoggable(record);
            assertThat(record.getFormattedMessage()).isEqualTo("client [EMAIL]");
        });
    }

    private static void collect(Handler[] found, List<Handler> into) {
        for (Handler handler : found) {
            into.add(handler);
            if (handler instanceof ExtHandler ext) {
                collect(ext.getHandlers(), into);
            }
        }
    }

    private static String read() throws IOException {
        return Files.exists(LOG_FILE) ? Files.readString(LOG_FILE, StandardCharsets.UTF_8) : "";
    }
}
