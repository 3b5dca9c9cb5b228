package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** How the loaders cut bulk rows into requests of client-service's {@code /financials/batch} and {@code /products/batch}. */
class CrmApiBulkTest {
    record Row(UUID client, int n) {
    }

    static List<Row> rows(int... perClient) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (int count : perClient) {
            UUID client = UUID.randomUUID();
            for (int i = 0; i < count; i++) {
                rows.add(new Row(client, n++));
            }
        }
        return rows;
    }

    @Test
    void requestsHoldWholeClientsAndAtMostTheLimitInOrder() {
        List<Row> rows = rows(12, 12, 12, 12, 12);
        List<List<Row>> requests = CrmApi.requests(rows, Row::client, 30);

        // 12 + 12 fit, a third client would not: it starts the next request
        assertThat(requests).extracting(List::size).containsExactly(24, 24, 12);
        for (List<Row> request : requests) {
            assertThat(request.stream().map(Row::client).distinct().count() * 12).isEqualTo(request.size());
        }
        assertThat(requests.stream().flatMap(List::stream).map(Row::n).toList())
                .isEqualTo(rows.stream().map(Row::n).toList());
    }

    @Test
    void aClientWithMoreRowsThanTheLimitIsSplitAndNothingIsLostOrEmpty() {
        List<Row> rows = rows(3, 7, 2);
        List<List<Row>> requests = CrmApi.requests(rows, Row::client, 5);

        assertThat(requests).extracting(List::size).containsExactly(3, 5, 4);
        assertThat(requests).allSatisfy(request -> assertThat(request).isNotEmpty().hasSizeLessThanOrEqualTo(5));
        assertThat(requests.stream().mapToInt(List::size).sum()).isEqualTo(12);
        assertThat(CrmApi.requests(List.<Row>of(), Row::client, 5)).isEmpty();
    }
}
