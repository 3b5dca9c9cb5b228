package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import org.bankcrm.demo.Payloads;
import org.junit.jupiter.api.Test;

class BulkLoadTest {

    @Test
    void eachRequestHoldsWholeClientsTwelvePastMonthsInOrderAndAtMostAThousandRows() {
        List<UUID> ids = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
        List<List<Payloads.ClientMonth>> requests = BulkLoad.requests(ids, new SplittableRandom(1));

        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(1_000).isEqualTo(r.size() / 12 * 12));
        List<Payloads.ClientMonth> all = requests.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(2_400);
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        assertThat(all.subList(0, 12)).extracting(Payloads.ClientMonth::month)
                .containsExactly(IntStream.rangeClosed(1, 12).mapToObj(back -> thisMonth.minusMonths(13 - back)).toArray(YearMonth[]::new));
        assertThat(all).allSatisfy(m -> {
            assertThat(m.costToServe().signum()).isGreaterThanOrEqualTo(0);
            assertThat(m.transactionCount()).isGreaterThanOrEqualTo(0);
            assertThat(m.transactionAmount().signum()).isGreaterThanOrEqualTo(0);
        });
        assertThat(all.stream().map(Payloads.ClientMonth::clientId).distinct().toList()).isEqualTo(ids);
    }
}
