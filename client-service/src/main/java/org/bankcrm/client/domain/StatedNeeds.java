package org.bankcrm.client.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The client's current statement of needs and motives: the codes the client stated at the touchpoint
 * {@code interactionId} on {@code statedAt} (empty: the client stated none). A statement replaces the one before it
 * as a whole, unless it is older: touchpoints may be reported late, and a late report of an older conversation must
 * not undo what the client said since.
 */
public record StatedNeeds(Set<StatedNeed> codes, Instant statedAt, UUID interactionId) {
    /** Nothing stated yet. */
    public static final StatedNeeds NONE = new StatedNeeds(Set.of(), null, null);

    public StatedNeeds {
        codes = codes == null || codes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(codes));
    }

    public boolean isKnown() {
        return statedAt != null;
    }

    /**
     * Whether {@code statement} takes the place of this one: it is not older (a statement at the same instant is the
     * later report and wins, as every consumer of the ordered topic sees it) and it is not this very statement again.
     */
    public boolean isReplacedBy(StatedNeeds statement) {
        if (!isKnown()) {
            return true;
        }
        if (statement.statedAt().isBefore(statedAt)) {
            return false;
        }
        return !statement.equals(this);
    }
}
