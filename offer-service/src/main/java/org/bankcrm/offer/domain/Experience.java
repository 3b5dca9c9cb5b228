package org.bankcrm.offer.domain;

import java.time.Instant;

/** The client's latest touchpoint as it bears on a decision: no notes, no employee. */
public record Experience(String channel, String type, String valence, String cause, Instant at) {
    public boolean negativeBankCaused() {
        return "NEGATIVE".equals(valence) && "BANK".equals(cause);
    }
}
