package io.activitygateway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private final AccessRules rules = new AccessRules("/", "q");

    @Test
    void readingNeedsReadAndChangingNeedsAdmin() {
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.GET, "/api/v1/events"));
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.HEAD, "/api/v1/sources"));
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.POST, "/api/v1/stream-tokens"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.POST, "/api/v1/sources/ws/poll"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.PUT, "/api/v1/sources/ws"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.DELETE, "/api/v1/sources/ws"));
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.GET, "/api/v1/sinks/alerts"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.PUT, "/api/v1/sinks/alerts"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.DELETE, "/api/v1/sinks/alerts"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.GET, "/api/v1/keys"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.GET, "/api/v1/keys/abc"));
        assertEquals(Optional.of(Scope.ADMIN), rules.required(HttpMethod.PATCH, "/api/v2/anything"));
    }

    @Test
    void theDocumentsFollowTheApisRuleAndThePageIsPublic() {
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.GET, "/q/openapi"));
        assertEquals(Optional.of(Scope.READ), rules.required(HttpMethod.GET, "/q/swagger-ui/index.html"));
        assertEquals(Optional.empty(), rules.required(HttpMethod.GET, "/"));
        assertEquals(Optional.empty(), rules.required(HttpMethod.GET, "/index.html"));
        assertEquals(Optional.empty(), rules.required(HttpMethod.GET, "/assets/app.js"));
        assertEquals(Optional.empty(), rules.required(HttpMethod.GET, "/apiary"), "only /api itself and below");
        assertEquals(Optional.empty(), rules.required(HttpMethod.OPTIONS, "/api/v1/events"), "CORS preflight");
    }

    @Test
    void noSpellingOfAProtectedPathIsPublic() {
        for (String path : new String[] { "//api/v1/events", "/API/v1/events", "/api/v1/events/", "/api",
                "///q//openapi", "/Q/OpenAPI" }) {
            assertTrue(rules.required(HttpMethod.GET, path).isPresent(), path);
        }
    }

    @Test
    void underARootPathTheSameRulesApply() {
        AccessRules rooted = new AccessRules("/gateway/", "q");
        assertEquals(Optional.of(Scope.READ), rooted.required(HttpMethod.GET, "/gateway/api/v1/events"));
        assertEquals(Optional.of(Scope.READ), rooted.required(HttpMethod.GET, "/gateway/q/openapi"));
        assertEquals(Optional.of(Scope.ADMIN), rooted.required(HttpMethod.GET, "/gateway/api/v1/keys"));
        assertTrue(rooted.isStream(HttpMethod.GET, "/gateway/api/v1/events/stream"));
        AccessRules absolute = new AccessRules("/gateway", "/internal");
        assertEquals(Optional.of(Scope.READ), absolute.required(HttpMethod.GET, "/internal/openapi"));
    }

    @Test
    void onlyTheStreamTakesAStreamToken() {
        assertTrue(rules.isStream(HttpMethod.GET, "/api/v1/events/stream"));
        assertTrue(rules.isStream(HttpMethod.GET, "/api/v1/events/stream/"));
        assertFalse(rules.isStream(HttpMethod.GET, "/api/v1/events"));
        assertFalse(rules.isStream(HttpMethod.POST, "/api/v1/events/stream"));
    }
}
