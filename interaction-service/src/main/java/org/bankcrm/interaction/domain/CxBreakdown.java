package org.bankcrm.interaction.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A period's CX counts in all, and by channel, by need, by cause and by cause detail. */
public record CxBreakdown(CxCounts total, Map<Channel, CxCounts> byChannel, Map<Need, CxCounts> byNeed,
        Map<Cause, CxCounts> byCause, Map<CauseDetail, CxCounts> byCauseDetail) {

    public static final CxBreakdown NONE = of(List.of());

    public static CxBreakdown of(List<CxCell> cells) {
        CxCounts total = CxCounts.ZERO;
        Map<Channel, CxCounts> byChannel = new EnumMap<>(Channel.class);
        Map<Need, CxCounts> byNeed = new EnumMap<>(Need.class);
        Map<Cause, CxCounts> byCause = new EnumMap<>(Cause.class);
        Map<CauseDetail, CxCounts> byCauseDetail = new EnumMap<>(CauseDetail.class);
        for (CxCell cell : cells) {
            total = total.plus(cell.counts());
            byChannel.merge(cell.channel(), cell.counts(), CxCounts::plus);
            byNeed.merge(cell.need(), cell.counts(), CxCounts::plus);
            if (cell.cause() != null) {
                byCause.merge(cell.cause(), cell.counts(), CxCounts::plus);
            }
            if (cell.causeDetail() != null) {
                byCauseDetail.merge(cell.causeDetail(), cell.counts(), CxCounts::plus);
            }
        }
        return new CxBreakdown(total, byChannel, byNeed, byCause, byCauseDetail);
    }
}
