package org.bankcrm.interaction.domain;

/** The counts of one channel, need, cause and cause detail (null for none) over a period. */
public record CxCell(Channel channel, Need need, Cause cause, CauseDetail causeDetail, CxCounts counts) {
}
