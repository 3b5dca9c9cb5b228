package org.bankcrm.client.domain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which segments a client belongs to, and how that differs from before. */
public final class SegmentMembership {

    /** A segment's code with its parsed condition. */
    public record Rule(String code, SegmentCondition condition) {
    }

    /** The membership after, and what the client joined and left. */
    public record Change(Set<String> segments, Set<String> joined, Set<String> left) {
        public boolean isEmpty() {
            return joined.isEmpty() && left.isEmpty();
        }
    }

    private SegmentMembership() {
    }

    public static Set<String> of(SegmentFacts client, List<Rule> rules) {
        Set<String> codes = new TreeSet<>();
        for (Rule rule : rules) {
            if (rule.condition().matches(client)) {
                codes.add(rule.code());
            }
        }
        return codes;
    }

    /**
     * The change from {@code before} when {@code rules} are evaluated; memberships of segments not among
     * the rules are kept as they are (a recomputation of one segment touches only that one).
     */
    public static Change change(Set<String> before, SegmentFacts client, List<Rule> rules) {
        Set<String> evaluated = new TreeSet<>();
        rules.forEach(r -> evaluated.add(r.code()));
        Set<String> after = new TreeSet<>(before);
        after.removeAll(evaluated);
        after.addAll(of(client, rules));
        Set<String> joined = new TreeSet<>(after);
        joined.removeAll(before);
        Set<String> left = new TreeSet<>(before);
        left.removeAll(after);
        return new Change(after, joined, left);
    }
}
