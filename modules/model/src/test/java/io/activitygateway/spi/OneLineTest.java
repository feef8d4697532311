package io.activitygateway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OneLineTest {

    /** What it replaced: strip, then every run of \s as one space. */
    private static String byRegex(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @Test
    void collapsesRunsOfWhitespaceAsTheRegexDid() {
        List<String> cases = List.of("", " ", "plain", "one two", "  padded  ", "two  spaces", "tab\there",
                "line\nbreak", "crlf\r\nend", "mixed \t\n\u000B\f\r runs", "end with space ", "a\u00A0b",
                "\u2003em\u2003space\u2003", "x \u001Cy", " \n lead and trail \t ", "many     many     spaces");
        for (String text : cases) {
            assertEquals(byRegex(text), OneLine.of(text), "for '" + text + "'");
        }
    }

    @Test
    void aValueWithNothingToCollapseIsReturnedAsItIs() {
        String text = "Anna renamed the task to Q3 plan";
        assertEquals(text, OneLine.of(text));
        assertEquals("a b", OneLine.of("a\nb"));
    }
}
