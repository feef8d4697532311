package io.activitygateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObjectTypesTest {

    @ParameterizedTest
    @CsvSource({
            "TimeEntry, time_entry",
            "time_entry, time_entry",
            "time-entry, time_entry",
            "Time Entry, time_entry",
            "File, file",
            "task, task",
            "ExpenseReportSubmission, expense_report_submission",
            "HTMLPage, html_page",
            "Story2Day, story2_day",
            "'  Workspace ', workspace",
    })
    void normalizesToLowerSnakeCase(String in, String expected) {
        assertEquals(expected, ObjectTypes.normalize(in));
    }

    @Test
    void blankIsNull() {
        assertNull(ObjectTypes.normalize("  "));
        assertNull(ObjectTypes.normalize(null));
    }
}
