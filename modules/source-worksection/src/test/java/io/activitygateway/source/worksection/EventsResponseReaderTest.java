package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsResponseReaderTest {

    private static SourceResponse body(String text) {
        return new SourceResponse(200, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static SourceException failure(String text) {
        return assertThrows(SourceException.class,
                () -> EventsResponseReader.records(body(text), "get_events period=5m"));
    }

    @Test
    void readsTheRecordsOfTheVendorSample() throws Exception {
        var records = EventsResponseReader.records(body(Fixtures.text("vendor-sample.json")), "x");
        assertEquals(2, records.size());
        assertEquals("comment", records.get(0).path("object").path("type").asText());
    }

    @Test
    void anEmptyDataObjectOrArrayIsNoRecords() throws Exception {
        assertTrue(EventsResponseReader.records(body("{\"status\":\"ok\",\"data\":[]}"), "x").isEmpty());
        assertTrue(EventsResponseReader.records(body("{\"status\":\"ok\",\"data\":{}}"), "x").isEmpty());
    }

    @Test
    void aRefusedHashIsAnAuthenticationFailureThatNamesTheSettings() {
        SourceException e = failure("{\"status\":\"error\",\"status_code\":401,\"message\":\"Invalid hash\"}");
        assertInstanceOf(AuthenticationException.class, e);
        assertTrue(e.getMessage().contains("Invalid hash"), e.getMessage());
        assertTrue(e.getMessage().contains("api-key"), e.getMessage());
        SourceException wordOnly = failure("{\"status\":\"error\",\"status_code\":3,\"message\":\"Hash is wrong\"}");
        assertInstanceOf(AuthenticationException.class, wordOnly);
    }

    @Test
    void otherApiErrorsOnlyBackOffAndSayWhatWasAsked() {
        SourceException e = failure("{\"status\":\"error\",\"status_code\":400,"
                + "\"message\":\"Invalid period '400m': use 1m..360m, 1h..72h or 1d..30d\"}");
        assertFalse(e instanceof AuthenticationException);
        assertTrue(e.getMessage().contains("get_events period=5m"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid period"), e.getMessage());
        assertTrue(e.getMessage().contains("400"), e.getMessage());
        assertFalse(failure("{\"status\":\"error\",\"status_code\":404,\"message\":\"Project not found\"}")
                instanceof AuthenticationException);
    }

    @Test
    void whatIsNotTheDocumentedJsonFailsThePoll() {
        assertTrue(failure("<html><body>502 Bad Gateway</body></html>").getMessage().contains("not JSON"));
        assertTrue(failure("[1,2]").getMessage().contains("not a JSON object"));
        assertTrue(failure("{\"data\":[]}").getMessage().contains("status ''"));
        assertTrue(failure("{\"status\":\"ok\"}").getMessage().contains("without a data array"));
        assertTrue(failure("{\"status\":\"ok\",\"data\":\"none\"}").getMessage().contains("without a data array"));
        assertTrue(failure("").getMessage().contains("not"));
    }
}
