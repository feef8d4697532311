package io.activitygateway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SourceRequestTest {

    @Test
    void encodesSpacesAsPercent20AndKeepsOrder() {
        SourceRequest r = SourceRequest.get("/activity/")
                .param("start_time", "Mon, 18 Jan 2016 11:16:53 -0800")
                .param("verbs[]", "read").param("verbs[]", "upload").build();
        assertEquals("start_time=Mon%2C%2018%20Jan%202016%2011%3A16%3A53%20-0800&verbs%5B%5D=read&verbs%5B%5D=upload",
                r.encodedQuery());
    }

    @Test
    void joinsBaseAndPathWithOneSlash() {
        SourceRequest r = SourceRequest.get("/subscribed_events").param("page", 2).build();
        assertEquals(URI.create("http://h:1/kantata/api/v1/subscribed_events?page=2"),
                r.resolve(URI.create("http://h:1/kantata/api/v1/")));
        assertEquals(URI.create("http://h:1/kantata/api/v1/subscribed_events?page=2"),
                r.resolve(URI.create("http://h:1/kantata/api/v1")));
    }

    @Test
    void emptyPathKeepsBaseAsIs() {
        SourceRequest r = SourceRequest.get("").param("action", "get_events").param("period", "3d").build();
        assertEquals(URI.create("https://acme.worksection.com/api/admin/v2/?action=get_events&period=3d"),
                r.resolve(URI.create("https://acme.worksection.com/api/admin/v2/")));
    }

    @Test
    void nullValuesAreLeftOut() {
        assertEquals("a=1", SourceRequest.get("x").param("a", 1).param("b", null).build().encodedQuery());
    }
}
