package org.bankcrm.interaction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a touchpoint must keep beyond the shape of each field (which the request's constraints check):
 * it cannot have happened in the future beyond the clock skew allowed between the bank's systems, and its
 * experience record must say who caused a negative experience, and what, when the bank caused it, so that
 * monitoring can rank bank-caused negative experiences by cause; a stated need is stated once per touchpoint.
 */
public final class TouchpointRules {
    private final Duration clockSkew;

    public TouchpointRules(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public List<FieldProblem> problems(TouchpointContent touchpoint, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (touchpoint.occurredAt() != null && touchpoint.occurredAt().isAfter(now.plus(clockSkew))) {
            problems.add(new FieldProblem("occurredAt", "must not be in the future (more than " + clockSkew + " ahead of "
                    + now + ")"));
        }
        if (touchpoint.valence() == Valence.NEGATIVE && touchpoint.cause() == null) {
            problems.add(new FieldProblem("cause", "is required for a NEGATIVE experience"));
        }
        if (touchpoint.valence() == Valence.NEGATIVE && touchpoint.cause() == Cause.BANK && touchpoint.causeDetail() == null) {
            problems.add(new FieldProblem("causeDetail", "is required for a NEGATIVE experience the BANK caused"));
        }
        if (touchpoint.causeDetail() != null && touchpoint.cause() == null) {
            problems.add(new FieldProblem("cause", "is required when causeDetail is given"));
        }
        if (touchpoint.statedNeeds() != null) {
            Set<StatedNeedCode> seen = EnumSet.noneOf(StatedNeedCode.class);
            for (int i = 0; i < touchpoint.statedNeeds().size(); i++) {
                StatedNeed need = touchpoint.statedNeeds().get(i);
                if (need != null && need.code() != null && !seen.add(need.code())) {
                    problems.add(new FieldProblem("statedNeeds[" + i + "].code", need.code() + " is stated twice"));
                }
            }
        }
        return problems;
    }
}
