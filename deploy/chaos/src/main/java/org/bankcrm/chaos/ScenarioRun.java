package org.bankcrm.chaos;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One scenario as it ran: its load (touchpoints, and the bank's registrations, products, financials and consents, sent
 * while the fault struck), its faults, and what the catch-up and the
 * reconciliation after it found. {@code deadLettered}: records that reached a dead-letter topic during this scenario.
 */
record ScenarioRun(Scenario scenario, double loadSeconds, TouchpointLoad.Counts load, BankLoad.Counts bankLoad,
        List<Fault> faults, Reconciliation.Result reconciliation, Poison.Check deadLetters, long deadLettered,
        double caughtUpSeconds) {

    /**
     * One fault: what it struck, its pid (-1 for several or for the broker, the database or a topic), the time from the
     * fault until every replica answered ready again and until the struck groups' lag was back at or under what it was
     * before the fault (-1: not within the limits), the highest lag during it and the highest in the warm-up before it.
     */
    record Fault(String component, long pid, double readyAfterFaultSeconds, long peakLag, long lagBefore,
            double recoveredAfterFaultSeconds) {
    }

    boolean passed() {
        return reconciliation.clean() && deadLetters.clean() && caughtUpSeconds >= 0;
    }

    long lost() {
        return reconciliation.lostOrNotApplied();
    }

    long appliedTwice() {
        return reconciliation.doubled();
    }

    long outOfOrder() {
        return reconciliation.outOfOrder();
    }

    /** The slowest fault's time from the fault to its lag back where it was before; -1 if one did not get there. */
    double timeToRecoverSeconds() {
        return slowest(Fault::recoveredAfterFaultSeconds);
    }

    /** The slowest fault's time until every replica was ready again; -1 if one was not. */
    double readyAfterFaultSeconds() {
        return slowest(Fault::readyAfterFaultSeconds);
    }

    private double slowest(ToDoubleFunction<Fault> seconds) {
        double slowest = 0;
        for (Fault fault : faults) {
            if (seconds.applyAsDouble(fault) < 0) {
                return -1;
            }
            slowest = Math.max(slowest, seconds.applyAsDouble(fault));
        }
        return slowest;
    }
}
