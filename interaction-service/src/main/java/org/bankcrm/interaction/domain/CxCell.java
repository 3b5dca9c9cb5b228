package org.bankcrm.interaction.domain;

/** The counts of one channel, need and cause detail (null for none) over a period. */
public record CxCell(Channel channel, Need need, CauseDetail causeDetail, CxCounts counts) {
}
