package org.bankcrm.interaction.domain;

/**
 * One need or motive the client stated at a touchpoint: its code, and optionally the adviser's note in the client's
 * words (personal data: kept with the touchpoint until erasure, never published or logged).
 */
public record StatedNeed(StatedNeedCode code, String note) {
    public static final int MAX_NOTE = 500;
}
