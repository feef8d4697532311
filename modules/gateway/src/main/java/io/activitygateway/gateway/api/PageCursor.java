package io.activitygateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.activitygateway.gateway.store.EventOrder;
import io.activitygateway.gateway.store.PagePosition;
import io.activitygateway.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor}: where the next page starts, in which order, for which filters. It is base64url JSON
 * so nothing depends on a server-side session; clients must treat it as opaque. Using it with another order or
 * other filters is refused rather than answered with a silently wrong page.
 */
record PageCursor(EventOrder order, PagePosition after, String filterKey) {

    String encode() {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("v", 1)
                .put("o", order.wireName())
                .put("t", after.occurredAt().toString())
                .put("s", after.seq())
                .put("f", filterKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Optional<PageCursor> decode(String text) {
        try {
            JsonNode node = Json.mapper().readTree(Base64.getUrlDecoder().decode(text.strip()));
            if (node == null || node.path("v").asInt() != 1) {
                return Optional.empty();
            }
            Optional<EventOrder> order = EventOrder.fromWireName(node.path("o").asText());
            if (order.isEmpty() || !node.path("s").canConvertToLong() || !node.path("f").isTextual()) {
                return Optional.empty();
            }
            Instant at = Instant.parse(node.path("t").asText());
            return Optional.of(new PageCursor(order.get(), new PagePosition(at, node.path("s").asLong()),
                    node.path("f").asText()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
