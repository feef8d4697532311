package io.activitygateway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsTheUsualFormsAsTheFormatterDoes() {
        List<String> cases = List.of("2024-05-01T10:15:30Z", "2024-05-01T10:15:30.5Z", "2024-05-01T10:15:30.123456789Z",
                "2024-05-01T10:15:30+02:00", "2024-05-01T10:15:30.250-07:30", "2024-02-29T23:59:59+14:00",
                "1999-12-31T00:00:00-00:00");
        for (String text : cases) {
            assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                    IsoInstants.plain(text), text);
        }
    }

    @Test
    void leavesEveryOtherFormToTheFormatter() {
        List<String> cases = List.of("", "2024-05-01", "2024-05-01T10:15Z", "2024-05-01T10:15:30",
                "2024-05-01 10:15:30Z", "2024-05-01T10:15:30+0200", "2024-05-01T10:15:30.Z",
                "2024-05-01T10:15:30.1234567890Z", "2024-13-01T10:15:30Z", "2024-02-30T10:15:30Z",
                "2024-05-01T24:00:00Z", "2024-05-01T10:15:30+19:00", "2024-05-01T10:15:30+02:60", "2O24-05-01T10:15:30Z",
                "2024-05-01T10:15:30z", "2024-05-01T10:15:30Z[UTC]");
        for (String text : cases) {
            assertNull(IsoInstants.plain(text), text);
        }
    }
}
