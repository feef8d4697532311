package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.ObjectRef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    private static final ObjectRef ENTRY = new ObjectRef("time_entry", "123", null, null);

    @Test
    void saysWhoDidWhatToWhichObjectWithTheChange() {
        assertEquals("User 7 updated time entry 123 (time_in_minutes: 60 → 90)", Summary.of(
                new Actor("7", null, null), EventType.UPDATED, "updated", ENTRY,
                List.of(new FieldChange("time_in_minutes", J.numberNode(60), J.numberNode(90)))));
    }

    @Test
    void quotesTextAndSaysNoneForNull() {
        assertEquals("Someone updated time entry 123 (notes: none → \"line one line two\")", Summary.of(
                Actor.UNKNOWN, EventType.UPDATED, "updated", ENTRY,
                List.of(new FieldChange("notes", NullNode.getInstance(), J.textNode("line one\nline two")))));
    }

    @Test
    void staysBoundedWhateverTheInput() {
        List<FieldChange> many = IntStream.range(0, 20).mapToObj(i -> new FieldChange("field_" + i,
                J.textNode("x".repeat(500)), J.textNode("y".repeat(500)))).toList();
        String s = Summary.of(new Actor("7", "n".repeat(500), null), EventType.UPDATED, "updated",
                new ObjectRef("story", "1", "t".repeat(500), null), many);
        assertTrue(s.length() <= Summary.MAX_LENGTH, s);
        assertTrue(!s.contains("\n"));
    }

    @Test
    void listsAtMostThreeChangesAndCountsTheRest() {
        List<FieldChange> five = IntStream.range(0, 5).mapToObj(i -> new FieldChange("f" + i, J.numberNode(i),
                J.numberNode(i + 1))).toList();
        assertEquals("User 7 updated time entry 123 (f0: 0 → 1, f1: 1 → 2, f2: 2 → 3, +2 more)",
                Summary.of(new Actor("7", null, null), EventType.UPDATED, "updated", ENTRY, five));
    }
}
