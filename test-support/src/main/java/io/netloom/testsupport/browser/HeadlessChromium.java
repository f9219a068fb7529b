package io.netloom.testsupport.browser;

import io.netloom.testsupport.keycloak.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver through Selenium, with a profile of its own that is
 * deleted on close. Nothing is downloaded (no Selenium Manager), and Chromium's own background traffic (updates,
 * sync, safe-browsing lists) is off: the caller's arguments say which hosts the browser may reach.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where everything goes that must not leave this machine: a proxy that does not exist. */
    public static final String DEAD_PROXY = "--proxy-server=http://127.0.0.1:9";

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Skipped without Debian's chromium and chromedriver; under {@code CI=true} their absence fails the test. */
    public static void requireInstalled() {
        Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
    }

    /**
     * Starts Chromium with {@code arguments} (what it may reach, its window) and {@code options} completed by the
     * caller beforehand (capabilities such as logging preferences).
     */
    public static HeadlessChromium start(ChromeOptions options, List<String> arguments) throws IOException {
        requireInstalled();
        // Selenium Manager would look for (and download) drivers and browsers: the paths below are all it needs.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("headless-chromium-");
        options.setBinary(CHROMIUM.toFile());
        List<String> all = new ArrayList<>(List.of(
                "--headless=new",
                // root may not use Chromium's sandbox
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check"));
        all.addAll(arguments);
        options.addArguments(all);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
