package io.activitygateway.source.kantata;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Durations;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One Kantata connection's settings, validated.
 *
 * @param eventTypes   passed upstream as {@code event_types}; empty for all
 * @param subjectTypes one feed each, because {@code subject_type} takes a single value; empty for all
 * @param retention    how long Kantata keeps events; older checkpoints mean a gap
 */
record KantataSettings(
        Secret token,
        Duration lookback,
        Duration initialWindow,
        Duration retention,
        List<String> eventTypes,
        List<String> subjectTypes) {

    static final String EVENT_TYPES_KEY = "event-types";
    static final String SUBJECT_TYPES_KEY = "subject-types";
    static final String RETENTION_KEY = "retention";

    /** The add-on's figure; the API reference says up to 9 days. */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    static final Duration MAX_RETENTION = Duration.ofDays(9);

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*:[a-z][a-z0-9_]*");
    /** As the endpoint's reference lists them; Kantata refuses others (422), so a typo fails at start-up. */
    static final Set<String> KNOWN_SUBJECT_TYPES = new TreeSet<>(List.of("AccountColor", "AccountLocation",
            "AccountMembership", "Assignment", "BudgetChangeOrder", "CostRate", "CustomField", "CustomFieldSet",
            "DefaultStatusSet", "EmailAddress", "Estimate", "EstimateScenario", "EstimateScenarioResource", "Expense",
            "ExpenseReportSubmission", "Invoice", "LineItemLock", "Organization", "OrganizationMembership",
            "Participation", "ProjectAccessControl", "Role", "ScheduleChangeOrder", "Skill", "SkillMembership",
            "StatusSet", "StatusSetOption", "Story", "StoryAllocationDay", "TimeEntry", "TimeOffEntry",
            "TimesheetSubmission", "User", "Vendor", "Workspace", "WorkspaceAllocation", "WorkspaceApprover",
            "WorkspaceGroup", "WorkspaceInvitation", "WorkspaceResource", "WorkspaceStatusSet", "Workweek",
            "WorkweekMembership"));

    static KantataSettings read(ConnectionSettings settings) throws InvalidSettingException {
        Secret token = settings.requireToken();
        Duration retention = settings.durationOption(RETENTION_KEY).orElse(DEFAULT_RETENTION);
        if (retention.compareTo(MAX_RETENTION) > 0) {
            throw new InvalidSettingException(settings.key(RETENTION_KEY), Durations.format(retention)
                    + " is longer than Kantata keeps subscribed events (at most 9d)");
        }
        Duration lookback = settings.lookback();
        if (lookback == null || lookback.isNegative() || lookback.isZero()) {
            throw new InvalidSettingException(settings.key("lookback"), "must be positive: Kantata events become"
                    + " visible minutes after they are created, and only a lookback reads them");
        }
        if (lookback.compareTo(retention) >= 0) {
            throw new InvalidSettingException(settings.key("lookback"), Durations.format(lookback)
                    + " must be shorter than the retention (" + Durations.format(retention) + ")");
        }
        Duration initialWindow = settings.initialWindow();
        if (initialWindow == null || initialWindow.isNegative()) {
            throw new InvalidSettingException(settings.key("initial-window"), "must be zero or positive");
        }
        if (initialWindow.compareTo(retention) > 0) {
            throw new InvalidSettingException(settings.key("initial-window"), Durations.format(initialWindow)
                    + " reaches back further than Kantata keeps events (retention "
                    + Durations.format(retention) + "; the default initial-window is "
                    + Durations.format(KantataKind.DEFAULT_INITIAL_WINDOW) + "): set it to at most "
                    + Durations.format(retention));
        }
        List<String> eventTypes = distinct(settings.listOption(EVENT_TYPES_KEY));
        for (String type : eventTypes) {
            if (!EVENT_TYPE.matcher(type).matches()) {
                throw new InvalidSettingException(settings.key(EVENT_TYPES_KEY), "'" + type
                        + "' is not a Kantata event type (object:action in lower case, e.g. time_entry:updated)");
            }
        }
        List<String> subjectTypes = distinct(settings.listOption(SUBJECT_TYPES_KEY));
        for (String type : subjectTypes) {
            if (!KNOWN_SUBJECT_TYPES.contains(type)) {
                throw new InvalidSettingException(settings.key(SUBJECT_TYPES_KEY), "'" + type
                        + "' is not a subject type Kantata filters by; one of "
                        + String.join(", ", KNOWN_SUBJECT_TYPES));
            }
        }
        return new KantataSettings(token, lookback, initialWindow, retention, eventTypes, subjectTypes);
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
