package io.activitygateway.sandbox.kantata;

import com.fasterxml.jackson.core.JsonGenerator;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.http.JsonBody;
import io.activitygateway.sandbox.http.RateLimit;
import io.activitygateway.sandbox.http.Reply;
import io.activitygateway.sandbox.http.Request;
import io.activitygateway.sandbox.http.Traffic;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/subscribed_events}: auth, rate limit, validation, and the documented response shape. */
final class KantataApi implements ApiHandler {

    private final KantataStore store;
    private final KantataSettings settings;
    private final Clock clock;
    private final RateLimit rateLimit;
    private final Traffic traffic;

    KantataApi(KantataStore store, KantataSettings settings, Clock clock, Traffic traffic) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.rateLimit = new RateLimit(clock);
        this.traffic = traffic;
    }

    @Override
    public Reply handle(Request request) {
        String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        if (!request.method().equals("GET") || !(path.equals("subscribed_events") || path.equals("subscribed_events.json"))) {
            return error(404, "not_found", "No route matches " + request.method() + " /api/v1/" + path);
        }
        String token = request.bearerToken().orElse(null);
        if (token == null || !(token.equals(settings.token()) || token.equals(settings.memberToken()))) {
            return error(401, "unauthorized", "You must be logged in to access this resource");
        }
        if (!token.equals(settings.token())) {
            return error(403, "forbidden", "Only Account Administrators can access Subscribed Events");
        }
        if (!rateLimit.tryAcquire(token, settings.rateLimit(), settings.rateWindow())) {
            return error(429, "rate_limited", "Rate limit exceeded; slow down your requests");
        }
        KantataQuery query;
        try {
            query = KantataQuery.parse(request.params());
        } catch (KantataError e) {
            return error(e.status, e.type, e.getMessage());
        }
        long now = clock.millis();
        Instant stalled = settings.stalledSince();
        long visibleUntil = stalled == null ? now : Math.min(now, stalled.toEpochMilli());
        KantataStore.Page page = store.query(query, now, visibleUntil, settings.retention().toMillis());
        traffic.served(page.events().size());
        return JsonBody.reply(200, json -> write(json, query, page));
    }

    @Override
    public Reply faultReply(int status, Duration retryAfter) {
        // Kantata documents no Retry-After, so an injected 429 carries none either.
        String type = switch (status) {
            case 429 -> "rate_limited";
            case 502, 503, 504 -> "unavailable";
            case 500 -> "server_error";
            default -> "error";
        };
        return error(status, type, "Injected failure: HTTP " + status);
    }

    static Reply error(int status, String type, String message) {
        return JsonBody.reply(status, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("errors");
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void write(JsonGenerator json, KantataQuery query, KantataStore.Page page) throws IOException {
        int pageCount = (int) ((page.total() + (long) query.perPage() - 1) / query.perPage());
        json.writeStartObject();
        json.writeNumberField("count", page.total());
        json.writeObjectFieldStart("meta");
        json.writeNumberField("count", page.total());
        json.writeNumberField("page_count", pageCount);
        json.writeNumberField("page_number", query.page());
        json.writeNumberField("page_size", query.perPage());
        json.writeEndObject();
        json.writeArrayFieldStart("results");
        for (KantataEvent event : page.events()) {
            json.writeStartObject();
            json.writeStringField("key", "subscribed_events");
            json.writeStringField("id", Long.toString(event.id()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("subscribed_events");
        for (KantataEvent event : page.events()) {
            json.writeFieldName(Long.toString(event.id()));
            writeEvent(json, event, query, page.subjects().get(event.id()));
        }
        json.writeEndObject();
        if (query.includeSubject()) {
            writeSideLoads(json, page);
        }
        json.writeEndObject();
    }

    /** Fields in the order of the documented sample (alphabetical); no {@code id}: it is the key. */
    private void writeEvent(JsonGenerator json, KantataEvent event, KantataQuery query,
                            KantataStore.SubjectSnapshot subject) throws IOException {
        KantataChange change = event.change();
        Set<String> optional = query.optionalFields();
        json.writeStartObject();
        json.writeNumberField("account_id", settings.accountId());
        json.writeStringField("created_at", change.malformed() == Malformation.KANTATA_CREATED_AT_NOT_A_TIME
                ? "yesterday" : time(event.createdAt()));
        if (optional.contains("current_payload")) {
            json.writeFieldName("current_payload");
            writePayload(json, change, false);
        }
        if (change.malformed() != Malformation.KANTATA_NO_EVENT_TYPE) {
            json.writeStringField("event_type", change.eventType());
        }
        if (optional.contains("payload_changes")) {
            json.writeObjectFieldStart("payload_changes");
            for (FieldChange fc : change.payloadChanges()) {
                json.writeArrayFieldStart(fc.field());
                JsonBody.writeScalar(json, fc.before());
                JsonBody.writeScalar(json, fc.after());
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        if (optional.contains("previous_payload")) {
            json.writeFieldName("previous_payload");
            writePayload(json, change, true);
        }
        json.writeStringField("subject_changed_at", time(change.changedAt()));
        json.writeNumberField("subject_id", change.subjectId());
        if (query.includeSubject()) {
            if (subject == null) {
                json.writeNullField("subject_ref");
            } else {
                json.writeObjectFieldStart("subject_ref");
                json.writeStringField("key", subject.key());
                json.writeStringField("id", Long.toString(subject.id()));
                json.writeEndObject();
            }
        }
        json.writeStringField("subject_type", change.subjectType());
        json.writeNumberField("user_id", change.userId());
        json.writeEndObject();
    }

    /**
     * The subject's id and the changed fields before (or after) the change; null before a create and after a
     * delete.
     */
    private static void writePayload(JsonGenerator json, KantataChange change, boolean before) throws IOException {
        boolean absent = before ? change.eventType().endsWith(":created") : change.eventType().endsWith(":deleted");
        if (absent) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeStringField("id", Long.toString(change.subjectId()));
        for (FieldChange fc : change.payloadChanges()) {
            json.writeFieldName(fc.field());
            JsonBody.writeScalar(json, before ? fc.before() : fc.after());
        }
        json.writeEndObject();
    }

    private static void writeSideLoads(JsonGenerator json, KantataStore.Page page) throws IOException {
        Map<String, Map<Long, Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (KantataEvent event : page.events()) {
            KantataStore.SubjectSnapshot subject = page.subjects().get(event.id());
            if (subject != null) {
                byKey.computeIfAbsent(subject.key(), k -> new LinkedHashMap<>()).put(subject.id(), subject.attributes());
            }
        }
        for (Map.Entry<String, Map<Long, Map<String, Object>>> key : byKey.entrySet()) {
            json.writeObjectFieldStart(key.getKey());
            for (Map.Entry<Long, Map<String, Object>> subject : key.getValue().entrySet()) {
                json.writeObjectFieldStart(Long.toString(subject.getKey()));
                json.writeStringField("id", Long.toString(subject.getKey()));
                for (Map.Entry<String, Object> attribute : new ArrayList<>(subject.getValue().entrySet())) {
                    json.writeFieldName(attribute.getKey());
                    JsonBody.writeScalar(json, attribute.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    /** ISO-8601 UTC as in the documented sample; written by hand because it runs twice per served event. */
    static String time(long millis) {
        if (millis % 1000 != 0) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
        }
        char[] out = "0000-00-00T00:00:00Z".toCharArray();
        digits(out, 0, t.getYear(), 4);
        digits(out, 5, t.getMonthValue(), 2);
        digits(out, 8, t.getDayOfMonth(), 2);
        digits(out, 11, t.getHour(), 2);
        digits(out, 14, t.getMinute(), 2);
        digits(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
