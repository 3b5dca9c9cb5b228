package org.bankcrm.chaos;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One scenario as it ran: its load (touchpoints, the bank's registrations, products, financials and consents, and the
 * channels' decisions and answers, sent while the fault struck; {@code decisionP99Ms}: the decision point's p99 over the
 * whole load, NaN without decisions), its faults, and what the catch-up and the
 * reconciliation after it found. {@code deadLettered}: records that reached a dead-letter topic during this scenario.
 */
record ScenarioRun(Scenario scenario, double loadSeconds, TouchpointLoad.Counts load, BankLoad.Counts bankLoad,
        DecisionLoad.Counts decisionLoad, double decisionP99Ms, List<Fault> faults, Reconciliation.Result reconciliation, Poison.Check deadLetters, long deadLettered,
        double caughtUpSeconds) {

    /**
     * One fault: what it struck, its pid (-1 for several or for the broker, the database or a topic), the time from the
     * fault until every replica answered ready again, the highest lag during it and the highest in the warm-up before it,
     * the time from the fault until the struck groups' lag was back at or under that ({@code lagBack}), the decision
     * point's p99 in the window before the fault and the highest after it (ms; NaN without a decision load), and the time
     * from the fault until both the lag was back and the decision p99 of the sliding window was under the target
     * ({@code recovered}; -1: not within the limits).
     */
    record Fault(String component, long pid, double readyAfterFaultSeconds, long peakLag, long lagBefore,
            double lagBackAfterFaultSeconds, double p99BeforeMs, double p99PeakMs, double recoveredAfterFaultSeconds) {

        /** Without a decision load: recovered when the lag is back. */
        Fault(String component, long pid, double readyAfterFaultSeconds, long peakLag, long lagBefore,
                double recoveredAfterFaultSeconds) {
            this(component, pid, readyAfterFaultSeconds, peakLag, lagBefore, recoveredAfterFaultSeconds, Double.NaN, Double.NaN,
                    recoveredAfterFaultSeconds);
        }
    }

    /** Without a decision load. */
    ScenarioRun(Scenario scenario, double loadSeconds, TouchpointLoad.Counts load, BankLoad.Counts bankLoad, List<Fault> faults,
            Reconciliation.Result reconciliation, Poison.Check deadLetters, long deadLettered, double caughtUpSeconds) {
        this(scenario, loadSeconds, load, bankLoad, DecisionLoad.Counts.none(), Double.NaN, faults, reconciliation, deadLetters,
                deadLettered, caughtUpSeconds);
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

    /**
     * The slowest fault's time from the fault to its lag back where it was before and the decision p99 under the target;
     * -1 if one did not get there.
     */
    double timeToRecoverSeconds() {
        return slowest(Fault::recoveredAfterFaultSeconds);
    }

    /** The slowest fault's time from the fault to its lag back where it was before; -1 if one did not get there. */
    double lagBackSeconds() {
        return slowest(Fault::lagBackAfterFaultSeconds);
    }

    /** The highest decision p99 of a sliding window after any of the faults (ms); NaN without a decision load. */
    double decisionP99PeakMs() {
        return faults.stream().mapToDouble(Fault::p99PeakMs).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
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
