package io.activitygateway.sandbox.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.FaultPlan;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.http.JsonBody;
import io.activitygateway.sandbox.http.Params;
import io.activitygateway.sandbox.http.Reply;
import io.activitygateway.sandbox.http.Request;
import io.activitygateway.sandbox.kantata.KantataInjection;
import io.activitygateway.sandbox.kantata.KantataSettings;
import io.activitygateway.sandbox.kantata.SubjectType;
import io.activitygateway.sandbox.onehub.OnehubInjection;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.onehub.Verb;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.truth.TruthSource;
import io.activitygateway.sandbox.worksection.WorksectionInjection;
import io.activitygateway.sandbox.worksection.WorksectionSettings;
import io.activitygateway.sandbox.world.Person;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /_sandbox/...}: status, world, ground truth, generator, faults, injection and switches over HTTP. */
public final class ControlApi implements ApiHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sandbox sandbox;

    public ControlApi(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Reply handle(Request request) {
        String path = request.path().replaceAll("/+$", "");
        String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        String method = request.method();
        Params params = request.params();
        try {
            if (parts.length == 0 || parts[0].equals("status")) {
                return get(method, this::status);
            }
            return switch (parts[0]) {
                case "world" -> get(method, this::world);
                case "truth" -> get(method, json -> truth(json, params));
                case "generator" -> generator(method, parts, params);
                case "generate" -> post(method, () -> {
                    int count = Integer.parseInt(params.get("count").orElse("100"));
                    int added = params.get("span").isPresent()
                            ? sandbox.generator().generate(count, Duration.parse(params.get("span").get()))
                            : sandbox.generator().generate(count);
                    return ok(json -> json.writeNumberField("truth_entries_added", added));
                });
                case "faults" -> faults(method, parts, params);
                case "malformed" -> post(method, () -> inject(api(parts), malformed(params)));
                case "inject" -> post(method, () -> inject(api(parts), MAPPER.readTree(request.body())));
                case "settings" -> post(method, () -> settings(api(parts), params));
                case "clock" -> post(method, () -> {
                    params.get("offset").ifPresent(v -> sandbox.clockOffset(Duration.parse(v)));
                    return ok(json -> {
                        json.writeStringField("now", sandbox.clock().instant().toString());
        json.writeStringField("clock_offset", sandbox.clockOffset().toString());
                        json.writeStringField("offset", sandbox.clockOffset().toString());
                    });
                });
                default -> notFound();
            };
        } catch (IllegalArgumentException | IllegalStateException | java.time.DateTimeException | IOException e) {
            return error(400, e.getMessage());
        }
    }

    @Override
    public Reply faultReply(int status, Duration retryAfter) {
        return error(status, "HTTP " + status);
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Action {
        Reply run() throws IOException;
    }

    private static Reply get(String method, JsonBody.Writing body) {
        return method.equals("GET") ? JsonBody.reply(200, body) : error(405, "use GET");
    }

    private static Reply post(String method, Action action) throws IOException {
        return method.equals("POST") ? action.run() : error(405, "use POST");
    }

    private static Reply ok(JsonBody.Writing fields) {
        return JsonBody.reply(200, json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            fields.write(json);
            json.writeEndObject();
        });
    }

    private static Reply notFound() {
        return error(404, "no such control endpoint; see docs/sandbox.md");
    }

    private static Reply error(int status, String message) {
        return JsonBody.reply(status, json -> {
            json.writeStartObject();
            json.writeStringField("error", String.valueOf(message));
            json.writeEndObject();
        });
    }

    private static Api api(String[] parts) {
        if (parts.length < 2) {
            throw new IllegalArgumentException("name the api: kantata, worksection or onehub");
        }
        return Api.parse(parts[1]);
    }

    // ---- status and world ----

    private void status(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("now", sandbox.clock().instant().toString());
        json.writeNumberField("seed", sandbox.seed());
        json.writeObjectFieldStart("apis");
        for (Api api : sandbox.apis()) {
            json.writeObjectFieldStart(api.id());
            switch (api) {
                case KANTATA -> {
                    json.writeStringField("base_url", sandbox.kantataBaseUrl());
                    json.writeStringField("token", sandbox.kantata().settings().token());
                    json.writeStringField("non_admin_token", sandbox.kantata().settings().memberToken());
                }
                case WORKSECTION -> {
                    json.writeStringField("base_url", sandbox.worksectionBaseUrl());
                    json.writeStringField("api_key", sandbox.worksection().settings().apiKey());
                    json.writeStringField("zone", sandbox.worksection().settings().zone().getId());
                }
                case ONEHUB -> {
                    json.writeStringField("base_url", sandbox.onehubBaseUrl());
                    json.writeStringField("token", OnehubSimulator.token(sandbox.world().person(0)));
                }
            }
            json.writeNumberField("truth_entries", sandbox.truth().size(api));
            json.writeNumberField("requests_served", sandbox.traffic(api).requests());
            json.writeNumberField("records_served", sandbox.traffic(api).records());
            FaultPlan plan = sandbox.faults().plan(api);
            json.writeObjectFieldStart("faults");
            json.writeNumberField("served", plan.served());
            json.writeBooleanField("random", plan.randomMode());
            json.writeArrayFieldStart("pending");
            for (String pending : plan.pending()) {
                json.writeString(pending);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("generator");
        json.writeBooleanField("running", sandbox.generator().running());
        json.writeNumberField("rate", sandbox.generator().rate());
        json.writeEndObject();
        json.writeEndObject();
    }

    private void world(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("people");
        for (Person p : sandbox.world().people()) {
            json.writeStartObject();
            json.writeStringField("name", p.name());
            json.writeStringField("email", p.email());
            json.writeNumberField("kantata_user_id", p.kantataUserId());
            json.writeNumberField("worksection_user_id", p.worksectionUserId());
            json.writeNumberField("onehub_user_id", p.onehubUserId());
            json.writeStringField("onehub_time_zone", p.zone().getId());
            json.writeStringField("onehub_token", OnehubSimulator.token(p));
            json.writeEndObject();
        }
        json.writeEndArray();
        if (sandbox.apis().contains(Api.KANTATA)) {
            json.writeObjectFieldStart("kantata");
            for (SubjectType type : SubjectType.values()) {
                writeIds(json, type.sideLoadKey(), sandbox.kantata().subjectIds(type));
            }
            json.writeEndObject();
        }
        if (sandbox.apis().contains(Api.WORKSECTION)) {
            json.writeObjectFieldStart("worksection");
            for (String type : List.of("project", "task", "comment")) {
                writeIds(json, type + "s", sandbox.worksection().objectIds(type));
            }
            json.writeEndObject();
        }
        if (sandbox.apis().contains(Api.ONEHUB)) {
            json.writeFieldName("onehub_workspaces");
            MAPPER.writeValue(json, sandbox.onehub().describeWorkspaces());
        }
        json.writeEndObject();
    }

    private static void writeIds(JsonGenerator json, String name, List<Long> ids) throws IOException {
        json.writeArrayFieldStart(name);
        for (long id : ids) {
            json.writeNumber(id);
        }
        json.writeEndArray();
    }

    // ---- ground truth ----

    private void truth(JsonGenerator json, Params params) throws IOException {
        List<Api> apis = params.get("api").isPresent() ? List.of(Api.parse(params.get("api").get()))
                : new ArrayList<>(sandbox.apis());
        int offset = Integer.parseInt(params.get("offset").orElse("0"));
        int limit = Integer.parseInt(params.get("limit").orElse(Integer.toString(Integer.MAX_VALUE)));
        int count = 0;
        for (Api api : apis) {
            count += sandbox.truth().size(api);
        }
        json.writeStartObject();
        json.writeNumberField("count", count);
        json.writeArrayFieldStart("entries");
        int index = 0;
        int written = 0;
        for (Api api : apis) {
            TruthSource source = sandbox.truth().source(api);
            int size = source == null ? 0 : source.truthSize();
            for (int i = 0; i < size && written < limit; i++, index++) {
                if (index >= offset) {
                    writeEntry(json, source.truthAt(i));
                    written++;
                }
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeEntry(JsonGenerator json, TruthEntry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("api", e.api().id());
        json.writeNumberField("change_id", e.changeId());
        json.writeArrayFieldStart("upstream_ids");
        for (String id : e.upstreamIds()) {
            json.writeString(id);
        }
        json.writeEndArray();
        json.writeStringField("happened_at", e.happenedAt().toString());
        json.writeStringField("visible_at", e.visibleAt().toString());
        json.writeStringField("action", e.action());
        json.writeStringField("object_type", e.objectType());
        json.writeStringField("object_id", e.objectId());
        json.writeStringField("actor_id", e.actorId());
        json.writeStringField("container_id", e.containerId());
        if (e.malformed() == null) {
            json.writeNullField("malformed");
        } else {
            json.writeStringField("malformed", e.malformed().name());
        }
        json.writeEndObject();
    }

    // ---- generator and faults ----

    private Reply generator(String method, String[] parts, Params params) throws IOException {
        String action = parts.length > 1 ? parts[1] : "";
        return post(method, () -> {
            switch (action) {
                case "start" -> sandbox.generator().start(Double.parseDouble(params.get("rate").orElse("5")));
                case "stop" -> sandbox.generator().stop();
                default -> {
                    return notFound();
                }
            }
            return ok(json -> {
                json.writeBooleanField("running", sandbox.generator().running());
                json.writeNumberField("rate", sandbox.generator().rate());
            });
        });
    }

    private Reply faults(String method, String[] parts, Params params) throws IOException {
        if (method.equals("DELETE")) {
            if (parts.length > 1) {
                sandbox.faults().plan(api(parts)).clear();
            } else {
                sandbox.faults().clear();
            }
            return ok(json -> { });
        }
        return post(method, () -> {
            FaultPlan plan = sandbox.faults().plan(api(parts));
            if (parts.length > 2 && parts[2].equals("random")) {
                List<Fault> choices = new ArrayList<>();
                for (String spec : params.list("faults")) {
                    choices.add(Fault.parse(spec));
                }
                plan.random(Long.parseLong(params.get("seed").orElse("1")),
                        Double.parseDouble(params.get("probability").orElse("0.1")), choices,
                        Double.parseDouble(params.get("malformed_rate").orElse("0")));
            } else {
                Fault fault = Fault.parse(params.get("fault").orElseThrow(
                        () -> new IllegalArgumentException("give fault=status:503 | status:429:2 | delay:1500 | truncated | not-json")));
                plan.next(Integer.parseInt(params.get("times").orElse("1")), fault);
            }
            return ok(json -> {
                json.writeArrayFieldStart("pending");
                for (String pending : plan.pending()) {
                    json.writeString(pending);
                }
                json.writeEndArray();
            });
        });
    }

    // ---- injection ----

    private static JsonNode malformed(Params params) {
        return MAPPER.createObjectNode().put("malformed", params.get("kind").orElseThrow(
                () -> new IllegalArgumentException("give kind=" + List.of(Malformation.values()))));
    }

    private Reply inject(Api api, JsonNode body) {
        Malformation malformed = body.hasNonNull("malformed") ? Malformation.valueOf(body.get("malformed").asText()) : null;
        TruthEntry entry = switch (api) {
            case KANTATA -> {
                KantataInjection in = sandbox.kantata().inject(text(body, "event_type", "time_entry:updated"));
                if (body.hasNonNull("subject_type")) {
                    in.subject(body.get("subject_type").asText(), body.get("subject_id").asLong());
                }
                withLong(body, "user_id", in::user);
                withLong(body, "workspace_id", in::workspace);
                time(body, "subject_changed_at").ifPresent(in::changedAt);
                time(body, "created_at").ifPresent(in::createdAt);
                time(body, "visible_at").ifPresent(in::visibleAt);
                time(body, "duplicate_created_at").ifPresent(in::duplicate);
                if (body.has("payload_changes")) {
                    for (Map.Entry<String, JsonNode> change : body.get("payload_changes").properties()) {
                        in.change(change.getKey(), scalar(change.getValue().get(0)), scalar(change.getValue().get(1)));
                    }
                }
                yield in.malformed(malformed).emit();
            }
            case WORKSECTION -> {
                WorksectionInjection in = sandbox.worksection().inject(text(body, "action", "update"),
                        text(body, "object_type", "task"), body.path("object_id").asLong(
                                sandbox.worksection().objectIds("task").get(0)));
                withLong(body, "project_id", in::project);
                withLong(body, "task_id", in::task);
                withLong(body, "user_id", in::user);
                time(body, "at").ifPresent(in::at);
                body.path("new").properties().forEach(f -> in.newValue(f.getKey(), f.getValue().asText()));
                body.path("old").properties().forEach(f -> in.oldValue(f.getKey(), f.getValue().asText()));
                yield in.malformed(malformed).emit();
            }
            case ONEHUB -> {
                OnehubInjection in = sandbox.onehub().inject(Verb.parse(text(body, "verb", "read"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown verb " + body.get("verb"))));
                withLong(body, "actor", in::actor);
                withLong(body, "workspace_id", in::workspace);
                withLong(body, "file_id", in::file);
                withLong(body, "folder_id", in::folder);
                withLong(body, "size", in::size);
                if (body.hasNonNull("name")) {
                    in.name(body.get("name").asText());
                }
                if (body.hasNonNull("email")) {
                    in.email(body.get("email").asText());
                }
                time(body, "at").ifPresent(in::at);
                yield in.malformed(malformed).emit();
            }
        };
        return JsonBody.reply(200, json -> writeEntry(json, entry));
    }

    private static void withLong(JsonNode body, String field, java.util.function.LongConsumer setter) {
        if (body.hasNonNull(field)) {
            setter.accept(body.get(field).asLong());
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        return body.hasNonNull(field) ? body.get(field).asText() : fallback;
    }

    private static java.util.Optional<Instant> time(JsonNode body, String field) {
        return body.hasNonNull(field) ? java.util.Optional.of(Instant.parse(body.get(field).asText()))
                : java.util.Optional.empty();
    }

    private static Object scalar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }

    // ---- switches ----

    private Reply settings(Api api, Params params) {
        switch (api) {
            case KANTATA -> {
                KantataSettings s = sandbox.kantata().settings();
                params.get("duplicates").ifPresent(v -> s.duplicates(Boolean.parseBoolean(v)));
                params.get("duplicate_rate").ifPresent(v -> s.duplicates(s.duplicates(), Double.parseDouble(v)));
                params.get("lateness").ifPresent(v -> s.lateness(Boolean.parseBoolean(v)));
                params.get("max_lateness").ifPresent(v -> s.lateness(s.lateness(), Duration.parse(v)));
                params.get("retention").ifPresent(v -> s.retention(Duration.parse(v)));
                params.get("rate_limit").ifPresent(v -> s.rateLimit(Integer.parseInt(v), s.rateWindow()));
                params.get("rate_window").ifPresent(v -> s.rateLimit(s.rateLimit(), Duration.parse(v)));
                params.get("stalled").map(Boolean::parseBoolean)
                        .ifPresent(on -> {
                            if (on) {
                                s.stall(sandbox.clock().instant());
                            } else {
                                s.flush();
                            }
                        });
                return ok(json -> {
                    json.writeBooleanField("duplicates", s.duplicates());
                    json.writeNumberField("duplicate_rate", s.duplicateRate());
                    json.writeBooleanField("lateness", s.lateness());
                    json.writeStringField("max_lateness", s.maxLateness().toString());
                    json.writeStringField("retention", s.retention().toString());
                    json.writeNumberField("rate_limit", s.rateLimit());
                    json.writeStringField("rate_window", s.rateWindow().toString());
                    json.writeStringField("stalled_since", s.stalledSince() == null ? null
                            : s.stalledSince().toString());
                });
            }
            case WORKSECTION -> {
                WorksectionSettings s = sandbox.worksection().settings();
                params.get("identical_records").ifPresent(v -> s.identicalRecords(Boolean.parseBoolean(v)));
                params.get("identical_rate").ifPresent(v -> s.identicalRecords(s.identicalRecords(), Double.parseDouble(v)));
                params.get("max_records").ifPresent(v -> s.maxRecords(Integer.parseInt(v)));
                params.get("zone").ifPresent(v -> s.zone(ZoneId.of(v)));
                return ok(json -> {
                    json.writeBooleanField("identical_records", s.identicalRecords());
                    json.writeNumberField("identical_rate", s.identicalRate());
                    json.writeNumberField("max_records", s.maxRecords());
                    json.writeStringField("zone", s.zone().getId());
                });
            }
            default -> throw new IllegalArgumentException("onehub has no switches");
        }
    }
}
