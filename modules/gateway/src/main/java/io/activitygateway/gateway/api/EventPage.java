package io.activitygateway.gateway.api;

import java.util.List;

/**
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record EventPage(List<EventView> items, String nextCursor) {
}
