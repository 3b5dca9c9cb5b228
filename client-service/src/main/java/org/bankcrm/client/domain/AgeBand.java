package org.bankcrm.client.domain;

import java.time.LocalDate;
import java.time.Period;

/**
 * The age of a client as events carry it: a band, never the birth date. Business clients and clients
 * without a birth date are {@link #UNKNOWN}.
 */
public enum AgeBand {
    AGE_14_17(14), AGE_18_24(18), AGE_25_34(25), AGE_35_44(35), AGE_45_54(45), AGE_55_64(55), AGE_65_PLUS(65), UNKNOWN(-1);

    private final int from;

    AgeBand(int from) {
        this.from = from;
    }

    public static AgeBand of(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return UNKNOWN;
        }
        int age = Period.between(birthDate, today).getYears();
        AgeBand band = UNKNOWN;
        for (AgeBand candidate : values()) {
            if (candidate.from >= 0 && age >= candidate.from) {
                band = candidate;
            }
        }
        return band;
    }
}
