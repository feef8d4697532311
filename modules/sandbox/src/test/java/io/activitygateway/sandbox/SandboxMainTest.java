package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The standalone command's flags and what it prints. */
class SandboxMainTest {

    @Test
    void startsWithTheGivenFlagsAndPrintsUrlsAndCredentials() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sandbox sandbox = SandboxMain.start(new String[] {"--port=0", "--rate", "0", "--backfill=200",
            "--apis=kantata,onehub", "--kantata-token=secret", "--onehub-zones=Asia/Tokyo,UTC"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try (sandbox) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains(sandbox.kantataBaseUrl()), printed);
            assertTrue(printed.contains("Bearer secret"), printed);
            assertTrue(printed.contains(sandbox.onehubBaseUrl()), printed);
            assertTrue(printed.contains("onehub-token-"), printed);
            assertTrue(printed.contains(sandbox.controlUrl()), printed);
            assertTrue(sandbox.truth().size(Api.KANTATA) + sandbox.truth().size(Api.ONEHUB) >= 200);
            assertEquals(200, Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", "secret").status());
            assertEquals(404, Http.get(sandbox.worksectionBaseUrl()).status());
            assertEquals(ZoneId.of("Asia/Tokyo"), sandbox.world().person(0).zone());
        }
    }

    @Test
    void helpPrintsUsageAndBadFlagsAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(SandboxMain.start(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--backfill"));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.start(new String[] {"port"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.start(new String[] {"--apis=jira"}, System.out));
    }
}
