package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopicAuditTest {

    @Test
    void countsWhatWasPublishedTwiceOutOfOrderOrSkippedPerProducerAndClient() {
        TopicAudit.Tally tally = new TopicAudit.Tally();
        tally.accept("/client-service", "e-1", "c-1", 1L);
        tally.accept("/client-service", "e-2", "c-1", 2L);
        tally.accept("/client-service", "e-2", "c-1", 2L); // the same event again
        tally.accept("/client-service", "e-5", "c-1", 5L); // 3 and 4 never came
        tally.accept("/client-service", "e-4", "c-1", 4L); // behind 5
        tally.accept("/offer-service", "e-1", "c-1", 1L); // another producer: its own ids and sequences
        tally.accept("/client-service", "e-9", "c-2", 1L);
        tally.accept("/client-service", "e-10", "c-2", null); // no sequence: only its id counts

        assertThat(tally.toMap()).containsEntry("records", 8L).containsEntry("publishedTwice", 1L)
                .containsEntry("outOfOrder", 1L).containsEntry("missingSequences", 2L);
    }

    @Test
    void theReportSaysWhetherEveryEventWentOnceAndInOrder() {
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("crm.client.events.v1", Map.of("records", 10, "publishedTwice", 0, "outOfOrder", 0, "missingSequences", 0));
        audit.put("crm.offer.events.v1", Map.of("records", 4, "publishedTwice", 1, "outOfOrder", 0, "missingSequences", 0));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", "2026-12-07T04:00:00Z");
        report.put("mode", "quick");
        report.put("durationSeconds", 170);
        report.put("machine", Machine.describe());
        report.put("topicAudit", audit);

        String md = Report.markdown(report);

        assertThat(md).contains("| every event published once, each client's in order, none missing | 1 twice, 0 out of order, 0 missing | missed |");
        assertThat(md).contains("| crm.offer.events.v1 | 4 | 1 | 0 | 0 |");
    }
}
