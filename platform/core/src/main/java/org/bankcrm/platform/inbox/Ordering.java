package org.bankcrm.platform.inbox;

import java.util.Set;

/**
 * Which of a topic's events carry state. A state-carrying event (a client's profile, products held, a loyalty score)
 * replaces what the consumer holds, so it is applied only if it is newer than the last one applied from its producer
 * for its client ({@link AppliedSequences}); an older or equal one is skipped as stale. A fact (a touchpoint, an
 * answer, a month's financials) adds to what the consumer holds and is applied whatever its order, once (the inbox).
 */
public final class Ordering {
    /** Every event of the topic is a fact. */
    public static final Ordering FACTS = new Ordering(false, Set.of());
    /** Every event of the topic carries state. */
    public static final Ordering STATE = new Ordering(true, Set.of());

    private final boolean state;
    private final Set<String> exceptions;

    private Ordering(boolean state, Set<String> exceptions) {
        this.state = state;
        this.exceptions = exceptions;
    }

    /** Every event carries state but those of {@code factTypes}. */
    public static Ordering stateExcept(String... factTypes) {
        return new Ordering(true, Set.of(factTypes));
    }

    public boolean carriesState(String type) {
        return state != exceptions.contains(type);
    }
}
