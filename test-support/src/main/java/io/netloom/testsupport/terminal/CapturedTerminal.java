package io.netloom.testsupport.terminal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the {@code netloom} CLI prints to the terminal during each test ({@code System.out}), for tests that read a
 * sign-in's verification URL from it as a person would. Register it with {@code @RegisterExtension}.
 */
public final class CapturedTerminal implements BeforeEachCallback, AfterEachCallback {

    /** The line a device sign-in prints for a person without a browser on the device. */
    private static final Pattern COMPLETE_URL = Pattern.compile("or open (\\S+)");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
    }

    /** Everything printed since the test began or the last {@link #reset()}. */
    public String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    public void reset() {
        printed.reset();
    }

    /**
     * The verification URL (with its code) a running sign-in prints; fails if {@code command} ends first, naming
     * {@code errors}, or if none is printed within {@code patience}.
     */
    public URI awaitCompleteUrl(CompletableFuture<?> command, Supplier<?> errors, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher url = COMPLETE_URL.matcher(text());
            if (url.find()) {
                return URI.create(url.group(1));
            }
            if (command.isDone()) {
                throw new AssertionError("login ended before showing a code: " + errors.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("login showed no verification URL: " + text());
    }
}
