package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceRequest;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EventsRequesterTest {

    private final EventsRequester requester = new EventsRequester(new Secret("secret"));

    @Test
    void signsTheQueryAsSentFollowedByTheKey() {
        // md5("action=get_events&period=45msecret"), computed independently.
        SourceRequest r = requester.request(new Period(45, ChronoUnit.MINUTES), Scope.ACCOUNT);
        assertEquals("action=get_events&period=45m&hash=cf360febf9c493aef2547f823f2bcc06", r.encodedQuery());
        assertEquals(URI.create("https://acme.worksection.com/api/admin/v2/"
                        + "?action=get_events&period=45m&hash=cf360febf9c493aef2547f823f2bcc06"),
                r.resolve(URI.create("https://acme.worksection.com/api/admin/v2/")));
    }

    @Test
    void aProjectReadAddsIdProjectBeforeSigning() {
        // md5("action=get_events&period=3d&id_project=7secret"), computed independently.
        SourceRequest r = requester.request(new Period(3, ChronoUnit.DAYS), Scope.project(7));
        assertEquals("action=get_events&period=3d&id_project=7&hash=ee43ca2e052e3374da23ff551597ed9a",
                r.encodedQuery());
    }

    @Test
    void theHashIsNeverLogged() {
        SourceRequest r = requester.request(new Period(1, ChronoUnit.MINUTES), Scope.ACCOUNT);
        assertTrue(r.secretParams().contains("hash"));
        assertEquals("", r.path());
    }
}
