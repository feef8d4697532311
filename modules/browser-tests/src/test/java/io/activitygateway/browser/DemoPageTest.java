package io.activitygateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The activity page of the running demo (open access), in a real browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageTest {

    static final String MARKUP_NAME = "Chen <Wei> & Co <img src=x onerror=alert(1)>";
    private static final Set<String> KINDS = Set.of("kantata", "worksection", "onehub");

    private DemoProcess demo;
    private Browser browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        demo = new DemoProcess("demo-open", List.of("-Dgateway.demo.person-name.1=" + MARKUP_NAME,
                "-Dgateway.demo.rate=4", "-Dgateway.demo.backfill=1500"));
        base = demo.baseUrl();
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        browser.screenshot("demo-" + test.getTestMethod().orElseThrow().getName());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> shownEvents() {
        return (List<Map<String, String>>) browser.script("return [...document.querySelectorAll('#timeline"
                + " li.event')].map(li => ({id: li.dataset.id, source: li.dataset.source,"
                + " text: li.textContent}))");
    }

    private Set<String> ids(List<Map<String, String>> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.get("id")));
        return ids;
    }

    private void open(String query) {
        browser.driver.get(base + "/" + query);
        browser.await(d -> !shownEvents().isEmpty());
    }

    @Test
    @Order(1)
    void eventsOfAllThreeSourcesAppearLive() {
        open("");
        // The history first, then events that only the stream can have brought: new ids of every kind.
        Set<String> initial = ids(shownEvents());
        Set<String> liveKinds = new HashSet<>();
        browser.await(d -> {
            for (Map<String, String> e : shownEvents()) {
                if (!initial.contains(e.get("id"))) {
                    liveKinds.add(e.get("source"));
                }
            }
            return liveKinds.containsAll(KINDS);
        });
        assertEquals("live", browser.driver.findElement(By.id("live")).getText());

        // Older history pages come with "load more" (nextCursor). On a fresh load: the first one may have come while
        // the backfill was still being stored, oldest first, so nothing older existed then.
        open("");
        String oldest = (String) browser.script("const t = document.querySelectorAll('#timeline li.event time');"
                + " return t[t.length - 1].getAttribute('datetime')");
        browser.driver.findElement(By.id("load-more")).click();
        browser.await(d -> ((String) browser.script("const t = document.querySelectorAll('#timeline li.event"
                + " time'); return t[t.length - 1].getAttribute('datetime')")).compareTo(oldest) < 0);

        // Newest first: the shown times never increase down the list.
        @SuppressWarnings("unchecked")
        List<String> times = (List<String>) browser.script("return [...document.querySelectorAll('#timeline"
                + " li.event time')].map(t => t.getAttribute('datetime'))");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1).compareTo(times.get(i)) >= 0, times.get(i - 1) + " before " + times.get(i));
        }
    }

    @Test
    @Order(2)
    void worksectionTimesShowAsMinutesAndEveryKindHasItsBadge() {
        open("?source=worksection");
        WebElement time = browser.driver.findElement(By.cssSelector("#timeline li.event time"));
        assertTrue(time.getAttribute("title").contains("whole minutes"), time.getAttribute("title"));
        assertFalse(time.getText().matches(".*\\d{1,2}:\\d{2}:\\d{2}.*"), "no seconds: " + time.getText());
        assertEquals("Worksection", browser.driver.findElement(By.cssSelector("#timeline li.event .badge")).getText());
    }

    @Test
    @Order(3)
    void aFilterNarrowsHistoryAndLiveAndTheUrlKeepsIt() {
        open("");
        new Select(browser.driver.findElement(By.name("source"))).selectByValue("onehub");
        browser.await(d -> d.getCurrentUrl().contains("source=onehub"));
        browser.await(d -> {
            List<Map<String, String>> shown = shownEvents();
            return !shown.isEmpty() && shown.stream().allMatch(e -> e.get("source").equals("onehub"));
        });
        Set<String> history = ids(shownEvents());
        // Live events keep coming, and only Onehub's.
        browser.await(d -> !history.containsAll(ids(shownEvents())));
        assertTrue(shownEvents().stream().allMatch(e -> e.get("source").equals("onehub")), "only onehub, live too");

        // The filtered view survives a reload: it is in the URL.
        browser.driver.navigate().refresh();
        browser.await(d -> !shownEvents().isEmpty());
        assertEquals("onehub", new Select(browser.driver.findElement(By.name("source"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertTrue(shownEvents().stream().allMatch(e -> e.get("source").equals("onehub")));

        // Free text on top: typed into the box, in the URL, applied to what is shown.
        WebElement q = browser.driver.findElement(By.name("q"));
        q.sendKeys("matthew");
        browser.await(d -> d.getCurrentUrl().contains("q=matthew"));
        browser.await(d -> {
            List<Map<String, String>> shown = shownEvents();
            return !shown.isEmpty() && shown.stream().allMatch(e -> e.get("source").equals("onehub")
                    && e.get("text").toLowerCase().contains("matthew"));
        });
        browser.driver.findElement(By.id("clear-filters")).click();
        browser.await(d -> !d.getCurrentUrl().contains("source="));
    }

    @Test
    @Order(4)
    void anActorNameFullOfMarkupRendersAsText() {
        open("?q=" + java.net.URLEncoder.encode("<img src=x", java.nio.charset.StandardCharsets.UTF_8));
        WebElement actor = browser.await(d -> d.findElements(By.cssSelector("#timeline li.event .actor")).stream()
                .filter(a -> a.getText().equals(MARKUP_NAME)).findFirst().orElse(null));
        assertEquals(MARKUP_NAME, actor.getText());
        assertEquals(0L, browser.script("return document.querySelectorAll('#timeline img, #timeline wei').length"));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    @Order(5)
    void anEventOpensWithItsJsonAndItsRawRecordFromTheKeyboard() {
        open("?source=kantata");
        WebElement details = browser.driver.findElement(By.cssSelector("#timeline li.event button.open"));
        String id = browser.driver.findElement(By.cssSelector("#timeline li.event")).getAttribute("data-id");
        // Reach it with the keyboard: focus the button, Enter opens the dialog.
        browser.script("arguments[0].focus()", details);
        details.sendKeys(Keys.ENTER);
        WebElement json = browser.await(d -> d.findElement(By.id("details-json")).isDisplayed()
                ? d.findElement(By.id("details-json")) : null);
        assertTrue(json.getText().contains("\"id\": \"" + id + "\""), json.getText());
        browser.driver.findElement(By.id("details-raw")).click();
        browser.await(d -> d.findElement(By.id("details-raw-json")).getText().contains("event_type"));
        browser.driver.findElement(By.id("details")).sendKeys(Keys.ESCAPE);
        browser.await(d -> !d.findElement(By.id("details")).isDisplayed());
    }

    @Test
    @Order(6)
    void theSourcesPanelShowsThreeHealthyConnections() throws Exception {
        open("");
        browser.await(d -> {
            List<WebElement> sources = d.findElements(By.cssSelector("#sources li.source"));
            return sources.size() == 3 && sources.stream().allMatch(s -> s.getAttribute("class").contains("healthy")
                    && !s.getAttribute("class").contains("unhealthy")
                    && !s.findElement(By.cssSelector("dd")).getText().equals("—"));
        });
        Set<String> names = new HashSet<>();
        browser.driver.findElements(By.cssSelector("#sources li.source")).forEach(s -> names.add(s.getAttribute(
                "data-name")));
        assertEquals(Set.of("demo-kantata", "demo-worksection", "demo-onehub"), names);
        // The page as the README shows it.
        Path shot = browser.screenshot("activity-page");
        Path docs = Path.of(System.getProperty("docs.screenshot", "target/activity-page.png"));
        Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(7)
    void aFaultTurnsAConnectionRedWithItsErrorAndPollNowRecoversIt() throws Exception {
        open("");
        String worksection = "#sources li.source[data-name='demo-worksection']";
        browser.await(d -> d.findElement(By.cssSelector(worksection)).getAttribute("class").contains("healthy"));
        assertEquals(200, demo.sandbox("POST", "faults/worksection?fault=status:503&times=100000"));
        try {
            WebElement red = browser.await(d -> {
                WebElement s = d.findElement(By.cssSelector(worksection));
                return s.getAttribute("class").contains("unhealthy") ? s : null;
            });
            browser.await(d -> d.findElement(By.cssSelector(worksection + " .last-error")).getText().contains("503"));
            browser.script("arguments[0].scrollIntoView({block: 'center'})", red);
            browser.screenshot("demo-fault-red");
        } finally {
            assertEquals(200, demo.sandbox("DELETE", "faults/worksection"));
        }
        // Backing off for a while now; poll now does not wait for it.
        browser.await(d -> {
            d.findElement(By.cssSelector(worksection + " button.poll")).click();
            return true;
        });
        browser.await(d -> {
            WebElement s = d.findElement(By.cssSelector(worksection));
            return s.getAttribute("class").contains("healthy") && !s.getAttribute("class").contains("unhealthy");
        });
    }

    @Test
    @Order(8)
    void itFitsAPhoneWidthWithoutSidewaysScrolling() throws Exception {
        try {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            open("");
            browser.await(d -> d.findElements(By.cssSelector("#sources li.source")).size() == 3);
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1"));
            browser.screenshot("demo-phone");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
