package io.activitygateway.source.kantata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.activitygateway.model.Json;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One response of {@code subscribed_events}: the events in the order of {@code results}, looked up in the
 * {@code subscribed_events} map, plus the side-loaded records ({@code time_entries}, {@code users}, ...) that the
 * mapper reads names from.
 *
 * @param entries   one per {@code results} item, in order
 * @param root      the whole response, for side-loaded records
 * @param pageCount {@code meta.page_count}, when given
 */
record EventsPage(List<Entry> entries, JsonNode root, OptionalInt pageCount) {

    static final String EVENTS_KEY = "subscribed_events";

    /**
     * One {@code results} item.
     *
     * @param id     the upstream id
     * @param record the event object, or null when {@code subscribed_events} lacks it
     * @param listed the {@code results} item itself
     */
    record Entry(String id, JsonNode record, JsonNode listed) {

        /** The record as received, or the {@code results} item when there is no record, for a problem report. */
        String rawText() {
            return record != null ? record.toString() : listed.toString();
        }
    }

    /**
     * @throws SourceException when the body is not the documented JSON at all (the page cannot be trusted, so the
     *                         poll stops and nothing of it is committed)
     */
    static EventsPage parse(SourceResponse response) throws SourceException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SourceException("subscribed_events answered HTTP " + response.status()
                    + " with a body that is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new SourceException("subscribed_events body could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SourceException("subscribed_events answered with " + describe(root)
                    + " instead of a JSON object");
        }
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw new SourceException("subscribed_events answered without a results array: "
                    + snippet(root.toString()));
        }
        JsonNode events = root.path(EVENTS_KEY);
        if (!events.isObject() && !events.isMissingNode() && !events.isNull()) {
            throw new SourceException("subscribed_events answered with " + describe(events)
                    + " where the subscribed_events map belongs");
        }
        List<Entry> entries = new ArrayList<>(results.size());
        for (JsonNode listed : results) {
            String id = listed.path("id").asText("");
            JsonNode record = events.isObject() && !id.isEmpty() ? events.get(id) : null;
            entries.add(new Entry(id, record, listed));
        }
        JsonNode pageCount = root.path("meta").path("page_count");
        return new EventsPage(entries, root,
                pageCount.canConvertToInt() && pageCount.isNumber() ? OptionalInt.of(pageCount.intValue())
                        : OptionalInt.empty());
    }

    /**
     * Whether the page asked for was the query's last. {@code meta.page_count} decides when given; without it, a
     * page shorter than asked for is the last (a full one might not be, so it is read on).
     */
    boolean isLast(int page, int perPage) {
        if (entries.isEmpty()) {
            return true;
        }
        if (pageCount.isPresent()) {
            return page >= pageCount.getAsInt();
        }
        return entries.size() < perPage;
    }

    /** A side-loaded record, e.g. {@code sideLoaded("users", "7")}; a missing node when absent. */
    JsonNode sideLoaded(String key, String id) {
        if (key == null || id == null) {
            return MissingNode.getInstance();
        }
        return root.path(key).path(id);
    }

    private static String describe(JsonNode node) {
        return node == null ? "an empty body" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String snippet(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
