package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.activitygateway.model.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A record's {@code new} (values set) and {@code old} (previous values, only for updates) as field changes: one
 * per field named in either, in {@code new}'s order then {@code old}'s. A field {@code post} sets has no old
 * value; a field only in {@code old} has no new one.
 *
 * @param problem why part of the record could not be read as changes, if so
 */
record Changes(List<FieldChange> fields, Optional<String> problem) {

    private static final JsonNode NO_FIELDS = JsonNodeFactory.instance.objectNode();

    static Changes of(JsonNode newValues, JsonNode oldValues) {
        List<String> problems = new ArrayList<>();
        JsonNode news = fieldsOf("new", newValues, problems);
        JsonNode olds = fieldsOf("old", oldValues, problems);
        Set<String> names = new LinkedHashSet<>();
        news.fieldNames().forEachRemaining(names::add);
        olds.fieldNames().forEachRemaining(names::add);
        List<FieldChange> fields = names.stream()
                .map(name -> new FieldChange(name, olds.get(name), news.get(name)))
                .toList();
        return new Changes(fields, problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    /** The value as an object of fields; absent, null and empty ({@code {}} or PHP's {@code []}) have none. */
    private static JsonNode fieldsOf(String name, JsonNode value, List<String> problems) {
        if (value != null && value.isObject()) {
            return value;
        }
        boolean nothing = value == null || value.isNull() || value.isMissingNode()
                || (value.isArray() && value.isEmpty());
        if (!nothing) {
            problems.add("'" + name + "' is " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object of fields; its values are only in raw");
        }
        return NO_FIELDS;
    }
}
