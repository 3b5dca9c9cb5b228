package org.bankcrm.offer.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bankcrm.offer.domain.OfferCondition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON form of the eligibility language: each node an object with exactly one key — {@code all} /
 * {@code any} (arrays of nodes), {@code not} (a node), {@code ageBand}, {@code incomeBracket}, {@code holds},
 * {@code holdsAny}, {@code segment}, {@code quadrant}, {@code strategy}, {@code loyaltyType}, {@code statedNeed} (arrays of values),
 * {@code clientType} (a value), {@code churnRisk} ({@code {"min": .., "max": ..}}).
 */
public final class OfferConditions {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String KEYS = "all, any, not, ageBand, incomeBracket, holds, holdsAny, segment, quadrant, strategy, "
            + "loyaltyType, clientType, churnRisk, statedNeed";

    /** A condition that cannot be read, with the JSON path of the culprit. */
    public static class InvalidCondition extends RuntimeException {
        public final String path;

        InvalidCondition(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    private OfferConditions() {
    }

    public static OfferCondition parse(String json) {
        try {
            return parse(JSON.readTree(json), "condition");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidCondition("condition", "is not JSON");
        }
    }

    public static OfferCondition parse(JsonNode node, String path) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new InvalidCondition(path, "must be an object with exactly one of " + KEYS);
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String at = path + "." + entry.getKey();
        JsonNode value = entry.getValue();
        return switch (entry.getKey()) {
            case "all" -> new OfferCondition.All(children(value, at));
            case "any" -> new OfferCondition.Any(children(value, at));
            case "not" -> new OfferCondition.Not(parse(value, at));
            case "ageBand" -> new OfferCondition.AgeBandIn(values(value, at));
            case "incomeBracket" -> new OfferCondition.IncomeBracketIn(values(value, at));
            case "holds" -> new OfferCondition.Holds(values(value, at));
            case "holdsAny" -> new OfferCondition.HoldsAny(values(value, at));
            case "segment" -> new OfferCondition.SegmentIn(values(value, at));
            case "quadrant" -> new OfferCondition.QuadrantIn(values(value, at));
            case "strategy" -> new OfferCondition.StrategyIn(values(value, at));
            case "loyaltyType" -> new OfferCondition.LoyaltyTypeIn(values(value, at));
            case "statedNeed" -> new OfferCondition.StatedNeedIn(values(value, at));
            case "clientType" -> {
                if (!value.isTextual()) {
                    throw new InvalidCondition(at, "must be a value, INDIVIDUAL or BUSINESS");
                }
                yield new OfferCondition.ClientTypeIs(value.asText());
            }
            case "churnRisk" -> {
                if (!value.isObject()) {
                    throw new InvalidCondition(at, "must be {\"min\": .., \"max\": ..}");
                }
                Double min = value.hasNonNull("min") ? value.get("min").asDouble() : null;
                Double max = value.hasNonNull("max") ? value.get("max").asDouble() : null;
                yield new OfferCondition.ChurnRiskBetween(min, max);
            }
            default -> throw new InvalidCondition(at, "is not a condition; use " + KEYS);
        };
    }

    private static List<OfferCondition> children(JsonNode value, String at) {
        if (!value.isArray()) {
            throw new InvalidCondition(at, "must be an array of conditions");
        }
        List<OfferCondition> children = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            children.add(parse(value.get(i), at + "[" + i + "]"));
        }
        return children;
    }

    private static Set<String> values(JsonNode value, String at) {
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidCondition(at, "must be a non-empty array of values");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode v : value) {
            if (!v.isTextual()) {
                throw new InvalidCondition(at, "must contain upper-case values");
            }
            values.add(v.asText());
        }
        return values;
    }
}
