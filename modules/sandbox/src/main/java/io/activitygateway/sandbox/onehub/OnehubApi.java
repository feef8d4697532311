package io.activitygateway.sandbox.onehub;

import com.fasterxml.jackson.core.JsonGenerator;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.http.JsonBody;
import io.activitygateway.sandbox.http.Params;
import io.activitygateway.sandbox.http.Reply;
import io.activitygateway.sandbox.http.Request;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.index.TimeRange;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.sandbox.world.World;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /activity/} and {@code GET /files/:id/audit_trail}, answered in the requesting user's time zone. */
final class OnehubApi implements ApiHandler {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;

    private static final Pattern AUDIT_TRAIL = Pattern.compile("/files/(\\d+)/audit_trail(?:\\.json)?/?");
    /** RFC-2822 date and time; whatever zone follows is ignored (Onehub assumes the user's own). */
    private static final Pattern RFC_2822 = Pattern.compile(
            "\\s*(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s+\\S+)?\\s*");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    private final OnehubStore store;
    private final Map<String, Person> tokens;
    private final Map<Long, String> names = new HashMap<>();
    private final Clock clock;
    private final Traffic traffic;

    OnehubApi(OnehubStore store, World world, Map<String, Person> tokens, Clock clock, Traffic traffic) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.traffic = traffic;
        world.people().forEach(p -> names.put(p.onehubUserId(), p.name()));
    }

    /** A request Onehub refuses, answered as {@code {"error": message}}. */
    private static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public Reply handle(Request request) {
        Person user = request.bearerToken().map(tokens::get).orElse(null);
        if (user == null) {
            return error(401, "Invalid or missing access token");
        }
        String path = request.path();
        try {
            if (request.method().equals("GET") && (path.equals("/activity") || path.equals("/activity/")
                    || path.equals("/activity.json"))) {
                return activity(user, request.params());
            }
            Matcher trail = AUDIT_TRAIL.matcher(path);
            if (request.method().equals("GET") && trail.matches()) {
                return auditTrail(user, Long.parseLong(trail.group(1)), request.params());
            }
            return error(404, "Not found");
        } catch (Refusal e) {
            return error(e.status, e.getMessage());
        }
    }

    private Reply activity(Person user, Params params) {
        Set<Long> member = new LinkedHashSet<>();
        store.readLock().lock();
        try {
            for (OnehubStore.Workspace workspace : store.workspaces()) {
                if (workspace.roles.containsKey(user.onehubUserId())) {
                    member.add(workspace.id);
                }
            }
        } finally {
            store.readLock().unlock();
        }
        Set<Long> workspaces = member;
        if (!params.list("workspaces").isEmpty()) {
            workspaces = new LinkedHashSet<>(ids(params, "workspaces"));
            workspaces.retainAll(member);
        }
        Set<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (String value : params.list("verbs")) {
            verbs.add(Verb.parse(value.toLowerCase(Locale.ROOT)).orElseThrow(() -> new Refusal(400,
                    "Unknown verb '" + value + "'; available verbs: create, upload, read, download, update, delete, invite")));
        }
        boolean filterSelf = params.get("filter_self").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
        long actor = params.get("actor").filter(v -> !v.isBlank()).map(v -> id("actor", v)).orElse(0L);
        OnehubStore.Filter filter = new OnehubStore.Filter(workspaces, verbs, filterSelf ? user.onehubUserId() : 0,
                actor, range(user.zone(), params));
        int[] paging = paging(params);
        OnehubStore.Page page = workspaces.isEmpty() ? new OnehubStore.Page(0, List.of())
                : store.activity(filter, paging[0], paging[1]);
        return page(user.zone(), page, paging);
    }

    private Reply auditTrail(Person user, long fileId, Params params) {
        long workspaceId;
        store.readLock().lock();
        try {
            OnehubStore.File file = store.file(fileId);
            if (file == null) {
                return error(404, "File not found");
            }
            workspaceId = file.workspaceId;
            Role role = store.workspace(workspaceId).roles.get(user.onehubUserId());
            if (role == null || !role.atLeastModerator()) {
                return error(403, "You must be a Moderator or above to view this file's audit trail");
            }
        } finally {
            store.readLock().unlock();
        }
        int[] paging = paging(params);
        return page(user.zone(), store.auditTrail(fileId, range(user.zone(), params), paging[0], paging[1]), paging);
    }

    private TimeRange range(ZoneId zone, Params params) {
        long from = params.get("start_time").filter(v -> !v.isBlank()).map(v -> wallClock("start_time", v, zone))
                .orElse(Long.MIN_VALUE);
        long to = params.get("end_time").filter(v -> !v.isBlank()).map(v -> wallClock("end_time", v, zone))
                .orElse(Long.MAX_VALUE);
        // Events dated in the future (only tests inject those) are not shown yet.
        return TimeRange.closed(from, to).atMost(clock.millis());
    }

    /** The RFC-2822 date and time of day read in {@code zone}, the written zone ignored. */
    static long wallClock(String name, String value, ZoneId zone) {
        Matcher m = RFC_2822.matcher(value);
        int month = m.matches() ? MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1 : 0;
        if (month == 0) {
            throw new Refusal(400, name + " '" + value + "' is not an RFC-2822 time");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return local.atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new Refusal(400, name + " '" + value + "' is not an RFC-2822 time");
        }
    }

    private static int[] paging(Params params) {
        int page = (int) Math.min(1_000_000, params.get("page").filter(v -> !v.isBlank()).map(v -> id("page", v)).orElse(1L));
        long perPage = params.get("per_page").filter(v -> !v.isBlank()).map(v -> id("per_page", v))
                .orElse((long) DEFAULT_PER_PAGE);
        return new int[] {Math.max(1, page), (int) Math.max(1, Math.min(MAX_PER_PAGE, perPage))};
    }

    private static Set<Long> ids(Params params, String name) {
        Set<Long> out = new LinkedHashSet<>();
        params.list(name).forEach(v -> out.add(id(name, v)));
        return out;
    }

    private static long id(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Refusal(400, name + " '" + value + "' is not an integer");
        }
    }

    private Reply page(ZoneId zone, OnehubStore.Page page, int[] paging) {
        int perPage = paging[1];
        int totalPages = (page.total() + perPage - 1) / perPage;
        traffic.served(page.events().size());
        Map<Long, String> workspaceNames = new HashMap<>();
        store.readLock().lock();
        try {
            store.workspaces().forEach(w -> workspaceNames.put(w.id, w.name));
        } finally {
            store.readLock().unlock();
        }
        return JsonBody.reply(200, json -> {
            json.writeStartObject();
            json.writeNumberField("total_entries", page.total());
            json.writeNumberField("current_page", paging[0]);
            json.writeNumberField("total_pages", totalPages);
            json.writeNumberField("per_page", perPage);
            json.writeArrayFieldStart("items");
            for (OnehubEvent event : page.events()) {
                writeEvent(json, event, zone, workspaceNames.get(event.workspaceId()));
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void writeEvent(JsonGenerator json, OnehubEvent event, ZoneId zone, String workspaceName) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("event");
        json.writeNumberField("id", event.id());
        json.writeStringField("updated_at",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(event.at()).atZone(zone)));
        String actor = names.getOrDefault(event.actorId(), "User " + event.actorId());
        json.writeStringField("detail", OnehubDetail.render(event, actor, workspaceName));
        json.writeNumberField("workspace_id", event.workspaceId());
        json.writeNumberField("user_id", event.actorId());
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public Reply faultReply(int status, Duration retryAfter) {
        Reply reply = error(status, status == 429 ? "Rate limit exceeded" : "Injected failure: HTTP " + status);
        return retryAfter == null ? reply : reply.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    private static Reply error(int status, String message) {
        return JsonBody.reply(status, json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }
}
