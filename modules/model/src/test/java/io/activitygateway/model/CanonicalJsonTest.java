package io.activitygateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void fieldOrderDoesNotMatterAtAnyLevel() throws Exception {
        assertEquals(CanonicalJson.of(json("{\"b\":1,\"a\":{\"y\":[{\"q\":1,\"p\":2}],\"x\":2}}")).toString(),
                CanonicalJson.of(json("{\"a\":{\"x\":2,\"y\":[{\"p\":2,\"q\":1}]},\"b\":1}")).toString());
        assertEquals("{\"a\":[2,1],\"b\":{}}", CanonicalJson.of(json("{\"b\":{},\"a\":[2,1]}")).toString(),
                "array order is meaning, not spelling; an empty object stays one");
    }

    @Test
    void emptyContainersCanCountAsNull() throws Exception {
        assertEquals("{\"a\":null,\"b\":null}", CanonicalJson.emptyAsNull(json("{\"b\":[],\"a\":{}}")).toString());
        assertEquals("null", CanonicalJson.emptyAsNull(json("{}")).toString());
        assertEquals("null", CanonicalJson.of(null).toString());
    }
}
