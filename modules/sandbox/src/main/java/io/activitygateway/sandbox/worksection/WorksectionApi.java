package io.activitygateway.sandbox.worksection;

import com.fasterxml.jackson.core.JsonGenerator;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.http.JsonBody;
import io.activitygateway.sandbox.http.Reply;
import io.activitygateway.sandbox.http.Request;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.index.TimeRange;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.sandbox.world.World;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code GET /api/admin/v2/?action=get_events&period=..[&id_project=..]&hash=..}. API errors are HTTP 200 with
 * {@code {"status":"error","status_code":N,"message":..}}: 401 for a missing or wrong hash or action, 400 for an
 * unknown action or a bad period, 404 for an unknown project.
 */
final class WorksectionApi implements ApiHandler {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final WorksectionStore store;
    private final WorksectionSettings settings;
    private final Map<Long, Person> people = new HashMap<>();
    private final Clock clock;
    private final Traffic traffic;

    WorksectionApi(WorksectionStore store, WorksectionSettings settings, World world, Clock clock, Traffic traffic) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.traffic = traffic;
        world.people().forEach(p -> people.put(p.worksectionUserId(), p));
    }

    @Override
    public Reply handle(Request request) {
        if (!(request.path().isEmpty() || request.path().equals("/") || request.path().equals("/index.php"))) {
            return Reply.text(404, Reply.HTML, "<html><body><h1>404 Not Found</h1></body></html>");
        }
        String hash = request.params().get("hash").orElse(null);
        String action = request.params().get("action").orElse(null);
        if (hash == null || action == null || !hash.equalsIgnoreCase(expectedHash(request.rawQuery()))) {
            return error(401, "Invalid hash");
        }
        if (!action.equals("get_events")) {
            return error(400, "Action is invalid");
        }
        String periodValue = request.params().get("period").orElse(null);
        Duration period = WorksectionPeriod.parse(periodValue);
        if (period == null) {
            return error(400, periodValue == null ? "Field period is required"
                    : "Invalid period '" + periodValue + "': use 1m..360m, 1h..72h or 1d..30d");
        }
        long projectId = 0;
        if (request.params().get("id_project").isPresent()) {
            String value = request.params().get("id_project").get();
            try {
                projectId = Long.parseLong(value);
            } catch (NumberFormatException e) {
                projectId = -1;
            }
            if (projectId <= 0 || !store.hasProject(projectId)) {
                return error(404, "Project not found");
            }
        }
        long now = clock.millis();
        List<WorksectionRecord> records = store.window(TimeRange.closed(now - period.toMillis(), now), projectId,
                settings.maxRecords());
        ZoneId zone = settings.zone();
        traffic.served(records.size());
        return JsonBody.reply(200, json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeArrayFieldStart("data");
            for (WorksectionRecord record : records) {
                write(json, record, zone);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** MD5 of the query as sent minus its {@code hash} parameter, followed by the API key, in lower-case hex. */
    private String expectedHash(String rawQuery) {
        StringJoiner signed = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!pair.isEmpty() && !name.equals("hash")) {
                signed.add(pair);
            }
        }
        return md5Hex(signed + settings.apiKey());
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public Reply faultReply(int status, Duration retryAfter) {
        Reply reply = JsonBody.reply(status, json -> writeError(json, status, "Injected failure: HTTP " + status));
        return retryAfter == null ? reply : reply.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    private static Reply error(int code, String message) {
        return JsonBody.reply(200, json -> writeError(json, code, message));
    }

    private static void writeError(JsonGenerator json, int code, String message) throws IOException {
        json.writeStartObject();
        json.writeStringField("status", "error");
        json.writeNumberField("status_code", code);
        json.writeStringField("message", message);
        json.writeEndObject();
    }

    private void write(JsonGenerator json, WorksectionRecord record, ZoneId zone) throws IOException {
        json.writeStartObject();
        json.writeStringField("action", record.action());
        json.writeObjectFieldStart("object");
        json.writeStringField("type", record.objectType());
        json.writeStringField("id", Long.toString(record.objectId()));
        json.writeStringField("page", record.page());
        json.writeEndObject();
        if (record.malformed() != Malformation.WORKSECTION_NO_DATE_ADDED) {
            json.writeStringField("date_added", MINUTE.format(Instant.ofEpochMilli(record.at()).atZone(zone)));
        }
        json.writeObjectFieldStart("user_from");
        Person person = people.get(record.userId());
        json.writeStringField("id", Long.toString(record.userId()));
        json.writeStringField("email", person == null ? "user" + record.userId() + "@example.com" : person.email());
        json.writeStringField("name", person == null ? "User " + record.userId() : person.name());
        json.writeEndObject();
        writeFields(json, "new", record.newValues());
        writeFields(json, "old", record.oldValues());
        json.writeEndObject();
    }

    private static void writeFields(JsonGenerator json, String name, Map<String, String> fields) throws IOException {
        if (fields == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            json.writeStringField(field.getKey(), field.getValue());
        }
        json.writeEndObject();
    }
}
