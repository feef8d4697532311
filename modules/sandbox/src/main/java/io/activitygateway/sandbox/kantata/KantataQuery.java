package io.activitygateway.sandbox.kantata;

import io.activitygateway.sandbox.http.Params;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The validated parameters of {@code GET /subscribed_events}. Values that cannot be read at all (a time that is
 * not ISO-8601, a page that is not a number) are 400 {@code bad_request}; readable values the endpoint does not
 * allow (ranges, combinations, unknown names) are 422 {@code validation}.
 */
record KantataQuery(Instant createdAfter, Instant createdBefore, Set<String> eventTypes, boolean includeSubject,
                    boolean mostRecent, boolean mostRecentByEventType, Set<Long> only, Set<String> optionalFields,
                    boolean descending, int page, int perPage, String subjectType, Set<Long> subjectIds,
                    Set<Long> userIds) {

    static final int MAX_PER_PAGE = 200;
    static final Set<String> OPTIONAL_FIELDS = Set.of("previous_payload", "current_payload", "payload_changes");

    /** As listed by the endpoint's documentation. */
    static final Set<String> SUBJECT_TYPES = Set.of("AccountColor", "AccountLocation", "AccountMembership",
            "Assignment", "BudgetChangeOrder", "CostRate", "CustomField", "CustomFieldSet", "DefaultStatusSet",
            "EmailAddress", "Estimate", "EstimateScenario", "EstimateScenarioResource", "Expense",
            "ExpenseReportSubmission", "Invoice", "LineItemLock", "Organization", "OrganizationMembership",
            "Participation", "ProjectAccessControl", "Role", "ScheduleChangeOrder", "Skill", "SkillMembership",
            "StatusSet", "StatusSetOption", "Story", "StoryAllocationDay", "TimeEntry", "TimeOffEntry",
            "TimesheetSubmission", "User", "Vendor", "Workspace", "WorkspaceAllocation", "WorkspaceApprover",
            "WorkspaceGroup", "WorkspaceInvitation", "WorkspaceResource", "WorkspaceStatusSet", "Workweek",
            "WorkweekMembership");

    static KantataQuery parse(Params params) {
        Instant after = time(params, "created_after");
        Instant before = time(params, "created_before");
        boolean mostRecent = bool(params, "most_recent");
        boolean byType = bool(params, "most_recent_by_event_type");
        if (mostRecent && byType) {
            throw KantataError.validation("most_recent cannot be used in combination with most_recent_by_event_type");
        }
        boolean includeSubject = false;
        for (String include : params.list("include")) {
            if (!include.equals("subject")) {
                throw KantataError.validation("'" + include + "' is not a valid include for subscribed_events");
            }
            includeSubject = true;
        }
        Set<String> optional = new LinkedHashSet<>();
        for (String field : params.list("optional_fields")) {
            if (!OPTIONAL_FIELDS.contains(field)) {
                throw KantataError.validation("'" + field + "' is not a valid optional field; valid values: "
                        + "previous_payload, current_payload, payload_changes");
            }
            optional.add(field);
        }
        boolean descending = true;
        if (params.get("order").isPresent()) {
            String order = params.get("order").get().toLowerCase(Locale.ROOT);
            if (order.equals("created_at:asc")) {
                descending = false;
            } else if (!order.equals("created_at:desc")) {
                throw KantataError.validation("order '" + params.get("order").get()
                        + "' is invalid; valid values: created_at:asc, created_at:desc");
            }
        }
        int page = integer(params, "page", 1);
        if (page < 1) {
            throw KantataError.validation("page must be greater than or equal to 1");
        }
        int perPage = integer(params, "per_page", 20);
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw KantataError.validation("per_page must be between 1 and " + MAX_PER_PAGE);
        }
        String subjectType = params.get("subject_type").filter(s -> !s.isBlank()).orElse(null);
        if (subjectType != null && !SUBJECT_TYPES.contains(subjectType)) {
            throw KantataError.validation("subject_type '" + subjectType + "' is not supported");
        }
        Set<Long> subjectIds = ids(params, "subject_id");
        if (!subjectIds.isEmpty() && subjectType == null) {
            throw KantataError.validation("subject_id requires subject_type");
        }
        return new KantataQuery(after, before, new LinkedHashSet<>(params.list("event_types")), includeSubject,
                mostRecent, byType, ids(params, "only"), optional, descending, page, perPage, subjectType,
                subjectIds, ids(params, "user_ids"));
    }

    private static Instant time(Params params, String name) {
        String value = params.get(name).orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // Rails also reads a bare date or a time without offset, as UTC.
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw KantataError.badRequest(name + " '" + value + "' is not a valid ISO 8601 datetime");
        }
    }

    private static boolean bool(Params params, String name) {
        String value = params.get(name).orElse("false").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "t", "yes" -> true;
            case "false", "0", "f", "no", "" -> false;
            default -> throw KantataError.badRequest(name + " '" + value + "' is not a boolean");
        };
    }

    private static int integer(Params params, String name, int fallback) {
        String value = params.get(name).orElse(null);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw KantataError.badRequest(name + " '" + value + "' is not an integer");
        }
    }

    private static Set<Long> ids(Params params, String name) {
        Set<Long> out = new LinkedHashSet<>();
        for (String value : params.list(name)) {
            try {
                out.add(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw KantataError.badRequest(name + " '" + value + "' is not a list of ids");
            }
        }
        return out;
    }
}
