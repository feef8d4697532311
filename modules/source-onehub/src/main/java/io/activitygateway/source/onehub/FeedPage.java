package io.activitygateway.source.onehub;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of {@code /activity/} or of an audit trail: {@code {total_entries, current_page, total_pages, per_page,
 * items: [{event: {...}}]}}.
 *
 * @param page the page asked for: paging counts its own requests, so an odd {@code current_page} cannot loop it
 */
record FeedPage(List<JsonNode> items, int page, int totalPages) {

    /**
     * @throws SourceException when the body is not that JSON at all (the poll stops; nothing of it is stored)
     */
    static FeedPage parse(SourceResponse response, int page, String what) throws SourceException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new SourceException(what + " answered with something that is not JSON: " + String.valueOf(e.getMessage())
                    .lines().findFirst().orElse(""), e);
        }
        if (body == null || !body.path("items").isArray()) {
            throw new SourceException(what + " answered without an \"items\" array: " + snippet(response.text()));
        }
        List<JsonNode> items = new ArrayList<>();
        body.get("items").forEach(items::add);
        // without total_pages, a short page is the last one
        int total = body.path("total_pages").canConvertToInt() ? body.get("total_pages").asInt()
                : items.size() < OnehubRequests.PER_PAGE ? page : page + 1;
        return new FeedPage(items, page, total);
    }

    boolean hasNext() {
        return page < totalPages && !items.isEmpty();
    }

    private static String snippet(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
