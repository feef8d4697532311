package io.activitygateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page with access control on: it asks for an API key, uses it for the API, and opens the stream with stream
 * tokens, getting new ones before they expire (their lifetime is cut to 20 s here, so the test sees a renewal).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthPageTest {

    private static final String KEY = "browser-test-bootstrap-key-0123456789abcdef";

    private DemoProcess demo;
    private Browser browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        demo = new DemoProcess("demo-keys", List.of("-Dgateway.auth.mode=keys", "-Dgateway.auth.bootstrap-key=" + KEY,
                "-Dgateway.auth.stream-token-ttl=20s", "-Dgateway.demo.rate=4", "-Dgateway.demo.backfill=300"));
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

    @SuppressWarnings("unchecked")
    private Set<String> shownIds() {
        return new HashSet<>((List<String>) browser.script("return [...document.querySelectorAll('#timeline"
                + " li.event')].map(li => li.dataset.id)"));
    }

    @Test
    void thePageAsksForAKeyRefusesAWrongOneAndWorksWithTheRightOneLiveAcrossTokenRenewals() throws Exception {
        browser.driver.get(base + "/");
        WebElement input = browser.await(d -> d.findElement(By.id("key-input")).isDisplayed()
                ? d.findElement(By.id("key-input")) : null);
        assertFalse(browser.driver.findElement(By.id("app")).isDisplayed());
        browser.screenshot("keys-asks");

        input.sendKeys("not-a-key-of-this-gateway-000000000000");
        browser.driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        browser.await(d -> d.findElement(By.id("key-error")).getText().contains("refused"));

        browser.driver.findElement(By.id("key-input")).sendKeys(KEY);
        browser.driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        browser.await(d -> !shownIds().isEmpty());
        browser.await(d -> d.findElements(By.cssSelector("#sources li.source.healthy")).size() == 3);
        assertEquals(KEY, browser.script("return sessionStorage.getItem('activity-gateway.api-key')"));

        // Live through the stream, and still live after the first token expired (20 s): renewed in time.
        Set<String> before = shownIds();
        browser.await(d -> !before.containsAll(shownIds()));
        Thread.sleep(25_000);
        Set<String> afterExpiry = shownIds();
        browser.await(d -> !afterExpiry.containsAll(shownIds()));
        assertEquals("live", browser.driver.findElement(By.id("live")).getText());
        browser.screenshot("keys-live");

        // The key stays for the tab: a reload needs no new entry.
        browser.driver.navigate().refresh();
        browser.await(d -> !shownIds().isEmpty());
        assertTrue(browser.driver.findElement(By.id("forget-key")).isDisplayed());
    }
}
