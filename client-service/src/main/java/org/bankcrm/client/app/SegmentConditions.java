package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.LifeStage;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.Occupation;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.SegmentCondition;
import org.bankcrm.client.domain.StatedNeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON form of the segment condition language: each node is an object with exactly one key,
 * {@code all} / {@code any} (arrays of nodes), {@code not} (a node), {@code age} / {@code balance} /
 * {@code householdSize} / {@code dependants} ({@code {"min": .., "max": ..}}), {@code lifeStage},
 * {@code incomeBracket}, {@code holds}, {@code holdsAny}, {@code preferredChannel}, {@code occupation},
 * {@code maritalStatus}, {@code education}, {@code statedNeed} (arrays of enumeration values) or {@code clientType}
 * (a value).
 */
public final class SegmentConditions {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A condition that cannot be read, with the JSON path of the culprit. */
    public static class InvalidCondition extends RuntimeException {
        public final String path;

        InvalidCondition(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    static final String KEYS = "all, any, not, age, balance, lifeStage, incomeBracket, holds, holdsAny, preferredChannel, "
            + "clientType, occupation, maritalStatus, education, householdSize, dependants, statedNeed";

    private SegmentConditions() {
    }

    public static SegmentCondition parse(String json) {
        try {
            return parse(JSON.readTree(json), "condition");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidCondition("condition", "is not JSON");
        }
    }

    public static SegmentCondition parse(JsonNode node, String path) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new InvalidCondition(path, "must be an object with exactly one of " + KEYS);
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String key = entry.getKey();
        JsonNode value = entry.getValue();
        String at = path + "." + key;
        return switch (key) {
            case "all" -> new SegmentCondition.All(children(value, at));
            case "any" -> new SegmentCondition.Any(children(value, at));
            case "not" -> new SegmentCondition.Not(parse(value, at));
            case "age" -> new SegmentCondition.AgeBetween(whole(value, "min", at), whole(value, "max", at));
            case "balance" -> new SegmentCondition.BalanceBetween(bound(value, "min", at), bound(value, "max", at));
            case "lifeStage" -> new SegmentCondition.LifeStageIn(values(value, LifeStage.class, at));
            case "incomeBracket" -> new SegmentCondition.IncomeBracketIn(values(value, IncomeBracket.class, at));
            case "holds" -> new SegmentCondition.Holds(values(value, ProductType.class, at));
            case "holdsAny" -> new SegmentCondition.HoldsAny(values(value, ProductType.class, at));
            case "preferredChannel" -> new SegmentCondition.PreferredChannelIn(values(value, Channel.class, at));
            case "clientType" -> new SegmentCondition.ClientTypeIs(value(value, ClientType.class, at));
            case "occupation" -> new SegmentCondition.OccupationIn(values(value, Occupation.class, at));
            case "maritalStatus" -> new SegmentCondition.MaritalStatusIn(values(value, MaritalStatus.class, at));
            case "education" -> new SegmentCondition.EducationIn(values(value, Education.class, at));
            case "householdSize" -> new SegmentCondition.HouseholdSizeBetween(whole(value, "min", at), whole(value, "max", at));
            case "dependants" -> new SegmentCondition.DependantsBetween(whole(value, "min", at), whole(value, "max", at));
            case "statedNeed" -> new SegmentCondition.StatedNeedIn(values(value, StatedNeed.class, at));
            default -> throw new InvalidCondition(at, "is not a condition; use one of " + KEYS);
        };
    }

    private static List<SegmentCondition> children(JsonNode value, String path) {
        if (!value.isArray()) {
            throw new InvalidCondition(path, "must be an array of conditions");
        }
        List<SegmentCondition> children = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            children.add(parse(value.get(i), path + "[" + i + "]"));
        }
        return children;
    }

    /** A bound that must be a whole number (an age, a count of people). */
    private static Integer whole(JsonNode range, String name, String path) {
        BigDecimal bound = bound(range, name, path);
        if (bound == null) {
            return null;
        }
        try {
            return bound.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidCondition(path + "." + name, "must be a whole number");
        }
    }

    private static BigDecimal bound(JsonNode range, String name, String path) {
        if (!range.isObject()) {
            throw new InvalidCondition(path, "must be an object with min and/or max");
        }
        for (Iterator<String> names = range.fieldNames(); names.hasNext();) {
            String n = names.next();
            if (!n.equals("min") && !n.equals("max")) {
                throw new InvalidCondition(path + "." + n, "is not min or max");
            }
        }
        JsonNode bound = range.get(name);
        if (bound == null || bound.isNull()) {
            return null;
        }
        if (!bound.isNumber()) {
            throw new InvalidCondition(path + "." + name, "must be a number");
        }
        if (name.equals("max") && range.has("min") && range.get("min").isNumber()
                && range.get("min").decimalValue().compareTo(bound.decimalValue()) > 0) {
            throw new InvalidCondition(path, "min must not exceed max");
        }
        return bound.decimalValue();
    }

    private static <E extends Enum<E>> Set<E> values(JsonNode value, Class<E> type, String path) {
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidCondition(path, "must be a non-empty array of " + List.of(type.getEnumConstants()));
        }
        Set<E> set = EnumSet.noneOf(type);
        for (int i = 0; i < value.size(); i++) {
            set.add(value(value.get(i), type, path + "[" + i + "]"));
        }
        return set;
    }

    private static <E extends Enum<E>> E value(JsonNode value, Class<E> type, String path) {
        try {
            return Enum.valueOf(type, value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidCondition(path, "must be one of " + List.of(type.getEnumConstants()));
        }
    }
}
