package org.bankcrm.platform.problem;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies {@link InputBounds} while a request body is read: a string with a control character, a date out of
 * the platform's range or a number too wide fails with a {@link JsonMappingException} that
 * {@link ProblemMappers#jsonMapping} turns into a 400 naming the JSON path of the field and the reason.
 */
public class InputBoundsModule extends SimpleModule {
    private static final Set<Class<?>> TEMPORAL = Set.of(LocalDate.class, YearMonth.class, Instant.class,
            OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class);

    public InputBoundsModule() {
        super("crm-input-bounds");
        addDeserializer(String.class, new BoundedText());
        // tree deserializers are looked up by exact type and never pass through a modifier
        for (Class<? extends JsonNode> tree : List.of(JsonNode.class, ObjectNode.class, ArrayNode.class)) {
            addTree(tree);
        }
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (TEMPORAL.contains(type)) {
                    return new Checked(deserializer, InputBounds::temporalProblem);
                }
                if (type == BigDecimal.class) {
                    return new Checked(deserializer, v -> InputBounds.numberProblem((BigDecimal) v));
                }
                if (type == Double.class || type == double.class) {
                    return new Checked(deserializer, v -> InputBounds.numberProblem((Double) v));
                }
                return deserializer;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void addTree(Class<? extends JsonNode> tree) {
        addDeserializer((Class<Object>) (Class<?>) tree, new CheckedTree(JsonNodeDeserializer.getDeserializer(tree)));
    }

    /** Strings, with Jackson's usual coercions, refused when they hold control characters. */
    static final class BoundedText extends StdScalarDeserializer<String> {
        BoundedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = InputBounds.textProblem(value);
            if (problem != null) {
                throw JsonMappingException.from(p, problem);
            }
            return value;
        }
    }

    /** Free-form JSON (e.g. a segment's condition, stored as jsonb): every name and string in it, as text. */
    static final class CheckedTree extends DelegatingDeserializer {
        CheckedTree(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new CheckedTree(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof JsonNode tree) {
                check(p, tree);
            }
            return value;
        }

        private static void check(JsonParser p, JsonNode node) throws JsonMappingException {
            if (node.isTextual()) {
                String problem = InputBounds.textProblem(node.textValue());
                if (problem != null) {
                    throw JsonMappingException.from(p, problem);
                }
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    try {
                        check(p, node.get(i));
                    } catch (JsonMappingException e) {
                        e.prependPath(node, i);
                        throw e;
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = InputBounds.textProblem(field.getKey());
                try {
                    if (problem != null) {
                        throw JsonMappingException.from(p, "has a field name that " + problem);
                    }
                    check(p, field.getValue());
                } catch (JsonMappingException e) {
                    e.prependPath(node, problem != null ? "?" : field.getKey());
                    throw e;
                }
            }
        }
    }

    /** Jackson's own deserializer of the type, then the bound on its value. */
    static final class Checked extends DelegatingDeserializer {
        private final transient Function<Object, String> check;

        Checked(JsonDeserializer<?> delegate, Function<Object, String> check) {
            super(delegate);
            this.check = check;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate, check);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            String problem = check.apply(value);
            if (problem != null) {
                throw JsonMappingException.from(p, problem);
            }
            return value;
        }
    }
}
