package io.activitygateway.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.deploy.DeployedProfile;
import io.activitygateway.gateway.feed.FeedFixture;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API keys as bearer tokens, with read and admin scopes, on the gateway configured as deploy/kubernetes has it. */
@QuarkusTest
@TestProfile(DeployedProfile.class)
class AccessControlTest {

    @Inject
    EntityManager em;
    @Inject
    EventStore store;

    private static ValidatableResponse isUnauthorized(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:activity-gateway:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void withoutAKeyTheApiAndItsDocumentsAnswer401() {
        for (String path : List.of("/api/v1/events", "/api/v1/sources", "/api/v1/me", "/api/v1/keys",
                "/api/v1/no-such-thing", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/index.html")) {
            isUnauthorized(given().get(path).then()).body("detail", containsString("Authorization: Bearer"))
                    .body("instance", equalTo(path));
        }
        isUnauthorized(given().post("/api/v1/sources/kantata/poll").then());
        isUnauthorized(given().post("/api/v1/stream-tokens").then());
    }

    @Test
    void noSpellingOfAProtectedPathSlipsThrough() {
        for (String path : List.of("//api/v1/events", "/api/v1/events/", "/API/v1/events", "/api//v1/sources",
                "/q//openapi")) {
            int status = given().get(path).then().extract().statusCode();
            assertTrue(status == 401 || status == 404, path + " answered " + status);
            assertNotEquals(200, status);
        }
    }

    @Test
    void aWrongKeyOrAWrongSchemeIs401() {
        isUnauthorized(Keys.as("agk_not-a-key").get("/api/v1/events").then())
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("not valid"));
        isUnauthorized(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/events").then())
                .body("detail", containsString("Bearer"));
        isUnauthorized(given().header("Authorization", "Bearer ").get("/api/v1/events").then());
    }

    @Test
    void theBootstrapKeyIsAnAdminKey() {
        Keys.asAdmin().get("/api/v1/me").then().statusCode(200).body("scope", equalTo("admin"))
                .body("accessControl", equalTo(true));
        Keys.asAdmin().get("/api/v1/keys").then().statusCode(200)
                .body("find { it.origin == 'bootstrap' && it.revokedAt == null }.name", equalTo("bootstrap"))
                .body("key", hasItems((Object) null));
    }

    @Test
    void aReadKeyReadsButChangesNothing() {
        Keys.Made reader = Keys.create("reader", "read");
        assertTrue(reader.secret().startsWith("agk_"), reader.secret());

        Keys.as(reader.secret()).get("/api/v1/me").then().statusCode(200).body("scope", equalTo("read"))
                .body("accessControl", equalTo(true));
        Keys.as(reader.secret()).get("/api/v1/events").then().statusCode(200);
        Keys.as(reader.secret()).get("/api/v1/sources").then().statusCode(200);
        Keys.as(reader.secret()).get("/q/openapi").then().statusCode(200);
        for (ValidatableResponse refused : List.of(
                Keys.as(reader.secret()).post("/api/v1/sources/kantata/poll").then(),
                Keys.as(reader.secret()).contentType(ContentType.JSON).body("{\"kind\":\"webhook\"}")
                        .put("/api/v1/sinks/reader-made").then(),
                Keys.as(reader.secret()).delete("/api/v1/sinks/reader-made").then(),
                Keys.as(reader.secret()).get("/api/v1/keys").then(),
                Keys.as(reader.secret()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"scope\":\"admin\"}")
                        .post("/api/v1/keys").then(),
                Keys.as(reader.secret()).delete("/api/v1/keys/" + reader.id()).then())) {
            refused.statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:activity-gateway:problem:forbidden"))
                    .body("detail", containsString("scope 'admin'"))
                    .body("detail", containsString("has scope 'read'"));
        }
    }

    @Test
    void anAdminKeyPollsAndManagesKeys() {
        Keys.Made admin = Keys.create("second admin", "admin");
        // kantata is disabled in the deployed configuration: the poll is refused for that, not for the key.
        Keys.as(admin.secret()).post("/api/v1/sources/kantata/poll").then().statusCode(409);
        Keys.as(admin.secret()).get("/api/v1/keys/" + admin.id()).then().statusCode(200)
                .body("name", equalTo("second admin")).body("scope", equalTo("admin"))
                .body("lastUsedAt", notNullValue()).body("key", nullValue());
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash() {
        String location = Keys.asAdmin().contentType(ContentType.JSON).body("{\"name\":\"ci\",\"scope\":\"read\"}")
                .post("/api/v1/keys").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String secret = Keys.asAdmin().get("/api/v1/keys/" + id).then().statusCode(200).extract().path("key");
        assertEquals(null, secret, "the key is only in the answer that created it");

        Keys.Made made = Keys.create("hashed", "read");
        List<Object[]> rows = rows(made.id());
        assertEquals(1, rows.size());
        assertEquals(Credentials.hash(made.secret()), rows.get(0)[0]);
        for (Object column : rows.get(0)) {
            assertFalse(String.valueOf(column).contains(made.secret().substring(4)), "the secret is not stored");
        }
    }

    @Transactional
    List<Object[]> rows(String id) {
        return em.createNativeQuery("SELECT key_hash, id, name, scope, origin FROM api_key WHERE id = ?1", Object[].class)
                .setParameter(1, id).getResultList();
    }

    @Test
    void aRevokedKeyStopsAtOnce() {
        Keys.Made made = Keys.create("leaked", "read");
        Keys.as(made.secret()).get("/api/v1/events").then().statusCode(200);

        Keys.asAdmin().delete("/api/v1/keys/" + made.id()).then().statusCode(204);

        isUnauthorized(Keys.as(made.secret()).get("/api/v1/events").then());
        Keys.asAdmin().get("/api/v1/keys/" + made.id()).then().statusCode(200).body("revokedAt", notNullValue());
        Keys.asAdmin().delete("/api/v1/keys/" + made.id()).then().statusCode(204);
        Keys.asAdmin().delete("/api/v1/keys/no-such-key").then().statusCode(404);
    }

    @Test
    void theLastAdminKeyCannotBeRevoked() {
        Keys.Made other = Keys.create("temporary admin", "admin");
        List<String> admins = Keys.asAdmin().get("/api/v1/keys").then().extract().jsonPath()
                .getList("findAll { it.scope == 'admin' && it.revokedAt == null && it.origin == 'api' }.id");
        for (String id : admins) {
            Keys.asAdmin().delete("/api/v1/keys/" + id).then().statusCode(204);
        }
        assertTrue(admins.contains(other.id()));
        String bootstrap = Keys.asAdmin().get("/api/v1/keys").then().extract().jsonPath()
                .getString("find { it.origin == 'bootstrap' && it.revokedAt == null }.id");

        Keys.asAdmin().delete("/api/v1/keys/" + bootstrap).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("last active admin key"));
        Keys.asAdmin().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aKeyRequestWithMistakesNamesEachField() {
        Keys.asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/keys").then().statusCode(400)
                .contentType("application/problem+json")
                .body("'invalid-params'.name", hasItems("name", "scope"));
        Keys.asAdmin().contentType(ContentType.JSON).body("{\"name\":\"x\",\"scope\":\"owner\",\"ttl\":5}")
                .post("/api/v1/keys").then().statusCode(400)
                .body("'invalid-params'.name", hasItems("scope", "ttl"))
                .body("'invalid-params'.find { it.name == 'scope' }.reason", containsString("read or admin"));
        Keys.asAdmin().contentType(ContentType.JSON).body("[1]").post("/api/v1/keys").then().statusCode(400);
    }

    @Test
    void aStreamTokenOpensStreamsOnly() {
        String token = Keys.asAdmin().post("/api/v1/stream-tokens").then().statusCode(201).extract().path("token");
        isUnauthorized(Keys.as(token).get("/api/v1/events").then());
        isUnauthorized(given().queryParam("access_token", token).get("/api/v1/events").then())
                .body("detail", containsString("only opens the stream"));
        isUnauthorized(given().queryParam("access_token", token).post("/api/v1/stream-tokens").then());
    }

    @Test
    void theDocumentDeclaresTheBearerKey() {
        Keys.asAdmin().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("security[0].apiKey", notNullValue())
                .body("paths", not(nullValue()));
        Keys.asAdmin().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void thePagesOutsideTheApiArePublic() {
        int status = given().get("/").then().extract().statusCode();
        assertNotEquals(401, status);
        assertNotEquals(403, status);
    }

    @Test
    void behindAProxyTheLinkToTheNextPageIsThePublicOne() {
        FeedFixture.commit(store, "proxied", 3, EventType.CREATED, "u1");
        String link = Keys.asAdmin().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "gateway.example.com").header("X-Forwarded-Prefix", "/activity")
                .queryParam("connection", "proxied").queryParam("limit", 1).get("/api/v1/events").then()
                .statusCode(200).extract().header("Link");
        assertTrue(link.startsWith("<https://gateway.example.com/activity/api/v1/events?"), link);
        assertTrue(link.endsWith(">; rel=\"next\""), link);
    }

    @Test
    void behindAProxyTheForwardedAddressIsTheOneTheApiWrites() {
        String location = Keys.asAdmin().contentType(ContentType.JSON)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gateway.example.com")
                .header("X-Forwarded-Prefix", "/activity")
                .body("{\"name\":\"proxied\",\"scope\":\"read\"}").post("/api/v1/keys").then().statusCode(201)
                .extract().header("Location");
        assertTrue(location.startsWith("https://gateway.example.com/activity/api/v1/keys/"), location);
    }
}
