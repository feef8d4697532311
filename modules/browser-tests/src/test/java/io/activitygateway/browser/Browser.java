package io.activitygateway.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through Debian's chromedriver. Both paths are given, so Selenium Manager never runs
 * and nothing is downloaded.
 */
final class Browser implements AutoCloseable {

    /** Generous: the machine may be shared with other builds. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    final ChromeDriver driver;

    Browser() {
        String chromium = System.getProperty("browser.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
        for (String path : List.of(chromium, chromedriver)) {
            if (!new File(path).canExecute()) {
                throw new IllegalStateException(path + " is missing: apt-get install -y chromium chromium-driver"
                        + " (.ci/run does this)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Waits for the condition; the page re-renders live, so an element found a moment ago may be gone: try again. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Saves the page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("screenshots", "target/screenshots")));
        Path file = dir.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
