package io.netloom.server.console;

import io.netloom.testsupport.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the console in Debian's headless Chromium ({@link HeadlessChromium}), which reaches nothing but this
 * machine's loopback: every other host name fails to resolve and every other address goes to a proxy that does not
 * exist. What the page logs (script
 * errors, failed requests) is collected, so that a test can require a page without any.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium chromium;
    private final ChromeDriver driver;
    private final String origin;

    private ConsoleBrowser(HeadlessChromium chromium, String origin) {
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.origin = origin;
    }

    /** Skipped without Debian's chromium and chromedriver; under {@code CI=true} their absence fails the test. */
    static ConsoleBrowser open(String origin, int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ConsoleBrowser(HeadlessChromium.start(options, List.of(
                "--window-size=" + width + "," + height,
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                // Everything but loopback (bypassed implicitly) goes to the proxy that does not exist.
                HeadlessChromium.DEAD_PROXY)), origin);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the console and signs in at Netloom's sign-in page; returns once the first page (Peers) is drawn. */
    void signIn(String email, String password) {
        driver.get(origin + "/");
        awaitTitle("Sign in to Netloom");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        await("[data-test=peers-table]");
    }

    /** Goes to a page of the console ({@code #/<page>}) without reloading it. */
    void open(String route) {
        driver.executeScript("location.hash = arguments[0]", route);
    }

    WebElement await(String css) {
        return wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement awaitText(String css, String text) {
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * An attribute of the first element that {@code css} matches and whose text contains {@code text}, once there is
     * one. Lists the page draws again meanwhile (a live update, a closed dialog) are simply read again.
     */
    String awaitAttributeOfElementWith(String css, String text, String attribute) {
        return wait(WAIT).until(page -> page.findElements(By.cssSelector(css)).stream()
                .filter(element -> element.getText().contains(text)).findFirst()
                .map(element -> element.getDomAttribute(attribute)).orElse(null));
    }

    /** Clicks the checkbox in the first label of {@code labels} whose text starts with {@code text}, once drawn. */
    void check(String labels, String text) {
        wait(WAIT).until(page -> page.findElements(By.cssSelector(labels)).stream()
                .filter(label -> label.getText().startsWith(text)).findFirst()
                .map(label -> {
                    label.findElement(By.tagName("input")).click();
                    return true;
                }).orElse(null));
    }

    /** A wait that reads the page again when it drew anew what a condition was reading (a stale element). */
    FluentWait<WebDriver> wait(Duration patience) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class);
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    void awaitTitle(String title) {
        try {
            wait(WAIT).until(ExpectedConditions.titleIs(title));
        } catch (RuntimeException e) {
            throw new AssertionError("Chromium shows \"" + driver.getTitle() + "\" at " + driver.getCurrentUrl()
                    + ", not \"" + title + "\"", e);
        }
    }

    /** Saves what the person sees now as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Script errors and failed requests the page logged since the last call. */
    List<String> problemsLogged() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() throws IOException {
        chromium.close();
    }
}
