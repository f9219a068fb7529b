package io.netloom.ops.lab;

import io.netloom.testsupport.browser.HeadlessChromium;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The person in a real browser: Debian's headless Chromium ({@link HeadlessChromium}) in the test's namespace (ADR
 * 0023), which reaches nothing but the lab: every host name fails to resolve, and everything but the lab's two
 * addresses goes to a proxy that does not exist. It trusts the lab server's self-signed certificate by its public key (SPKI pin), not by ignoring errors.
 */
final class LabChromium implements AutoCloseable {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private final HeadlessChromium chromium;
    private final WebDriver driver;

    private LabChromium(HeadlessChromium chromium) {
        this.chromium = chromium;
        this.driver = chromium.driver();
    }

    static LabChromium start() throws IOException {
        return new LabChromium(HeadlessChromium.start(new ChromeOptions(), List.of(
                "--ignore-certificate-errors-spki-list=" + serverKeyPin(),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 203.0.113.1, EXCLUDE 203.0.113.254",
                HeadlessChromium.DEAD_PROXY,
                "--proxy-bypass-list=203.0.113.1;203.0.113.254")));
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
        chromium.close();
    }
}
