package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnehubRequestsTest {

    private static final URI SANDBOX = URI.create("http://127.0.0.1:8123/onehub");

    private static OnehubRequests requests(TestSettings settings) throws InvalidSettingException {
        return new OnehubRequests(OnehubConfig.from(settings.build()));
    }

    private static TestSettings settings() {
        return TestSettings.of(new OnehubKind()).token("t0ken").timezone("America/Los_Angeles").baseUrl(SANDBOX);
    }

    @Test
    void activityAsksForTheWindowInTheUsersZoneAtTheLargestPageSize() throws InvalidSettingException {
        SourceRequest r = requests(settings()).activity(Instant.parse("2026-11-20T17:50:00Z"),
                Instant.parse("2026-11-20T18:00:00Z"), 2);

        assertEquals("http://127.0.0.1:8123/onehub/activity/"
                + "?start_time=Fri%2C%2020%20Nov%202026%2009%3A50%3A00%20-0800"
                + "&end_time=Fri%2C%2020%20Nov%202026%2010%3A00%3A00%20-0800&page=2&per_page=100",
                r.resolve(SANDBOX).toString());
        assertEquals(Map.of("Authorization", "Bearer t0ken"), r.headers());
    }

    @Test
    void filtersGoUpstreamRailsStyle() throws InvalidSettingException {
        SourceRequest r = requests(settings().option("workspaces", "4137,99").option("verbs", "read,upload")
                .option("filter-self", "false").option("actor", "481"))
                .activity(Instant.parse("2026-11-20T17:50:00Z"), Instant.parse("2026-11-20T18:00:00Z"), 1);

        assertEquals("workspaces%5B%5D=4137&workspaces%5B%5D=99&verbs%5B%5D=read&verbs%5B%5D=upload"
                + "&filter_self=false&actor=481", r.encodedQuery().substring(0, r.encodedQuery().indexOf("&start_time")));
    }

    @Test
    void theAuditTrailIsPagedWithoutATimeFilter() throws InvalidSettingException {
        SourceRequest r = requests(settings()).auditTrail(849607, 3);

        assertEquals("http://127.0.0.1:8123/onehub/files/849607/audit_trail?page=3&per_page=100",
                r.resolve(SANDBOX).toString());
        assertEquals("Bearer t0ken", r.headers().get("Authorization"));
    }
}
