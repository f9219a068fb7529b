package io.netloom.ops.lab;

import io.netloom.testsupport.keycloak.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The person in a real browser: Debian's headless Chromium driven by Debian's chromedriver through Selenium, in the
 * test's namespace (ADR 0023). Nothing is downloaded (no Selenium Manager), and the browser reaches nothing but the
 * lab: every host name fails to resolve, and everything but the lab's two addresses goes to a proxy that does not
 * exist. It trusts the lab server's self-signed certificate by its public key (SPKI pin), not by ignoring errors.
 */
final class LabChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private final Path profile;
    private final ChromeDriverService service;
    private final WebDriver driver;

    private LabChromium(Path profile, ChromeDriverService service, WebDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Skipped without Debian's chromium and chromedriver; under {@code CI=true} their absence fails the test. */
    static void requireInstalled() {
        Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
    }

    static LabChromium start() throws IOException {
        requireInstalled();
        // Selenium Manager would look for (and download) drivers and browsers: the paths below are all it needs.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("lab-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(List.of(
                "--headless=new",
                // root may not use Chromium's sandbox
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--ignore-certificate-errors-spki-list=" + serverKeyPin(),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 203.0.113.1, EXCLUDE 203.0.113.254",
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=203.0.113.1;203.0.113.254",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new LabChromium(profile, service, new ChromeDriver(service, options));
    }

    /** Opens the device's verification URL, signs in with a password an administrator set and replaces it. */
    String confirmDeviceAsNewLocalUser(String verificationUrl, String email, String initialPassword,
            String newPassword) {
        driver.get(verificationUrl);
        awaitTitle("Sign in to Netloom");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(initialPassword);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        awaitTitle("Choose a new password");
        driver.findElement(By.id("new_password")).sendKeys(newPassword);
        driver.findElement(By.id("confirmation")).sendKeys(newPassword);
        driver.findElement(By.cssSelector("form[action='/login/password'] button[type=submit]")).click();
        awaitTitle("Sign in a device");
        driver.findElement(By.cssSelector("form[action='/oauth2/device_verification'] button:not([formaction])"))
                .click();
        awaitTitle("Device signed in");
        return driver.getCurrentUrl();
    }

    private void awaitTitle(String title) {
        try {
            new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.titleIs(title));
        } catch (RuntimeException e) {
            throw new AssertionError("Chromium shows \"" + driver.getTitle() + "\" at " + driver.getCurrentUrl()
                    + ", not \"" + title + "\":\n" + driver.getPageSource(), e);
        }
    }

    /** The base64 SHA-256 of the lab server certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
    static String serverKeyPin() {
        try (InputStream certificate = Files.newInputStream(Lab.SERVER_CERTIFICATE)) {
            byte[] spki = CertificateFactory.getInstance("X.509").generateCertificate(certificate).getPublicKey()
                    .getEncoded();
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read the lab server's certificate: " + e.getMessage(), e);
        }
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
