package io.netloom.ops.lab;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code netloom up} or {@code netloom login} with {@code --no-browser} running on a lab host: it prints the
 * verification URL and the code and waits until the person confirms them (RFC 8628), then enrolls the device.
 */
final class DeviceSignIn {

    private static final Pattern COMPLETE_URL = Pattern.compile("or open (\\S+)");
    private static final Pattern USER_CODE = Pattern.compile("user_code=([^&\\s]+)");

    private final Process process;
    private final Path output;
    private final List<String> command;

    private DeviceSignIn(Process process, Path output, List<String> command) {
        this.process = process;
        this.output = output;
        this.command = command;
    }

    static DeviceSignIn start(String host, List<String> netloomCommand) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", "nl-" + host));
        command.addAll(netloomCommand);
        try {
            Path output = Files.createTempFile("lab-sign-in", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            return new DeviceSignIn(process, output, command);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        }
    }

    /** The complete verification URL (with the user code in it) once the device printed it. */
    URI awaitVerificationUrl() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher url = COMPLETE_URL.matcher(output());
            if (url.find()) {
                return URI.create(url.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the device's sign-in ended before it showed a code: " + command + "\n"
                        + output());
            }
            pause();
        }
        process.destroyForcibly();
        throw new AssertionError("the device showed no verification URL within 90 s:\n" + output());
    }

    static String userCode(URI verificationUrl) {
        Matcher code = USER_CODE.matcher(verificationUrl.getRawQuery());
        if (!code.find()) {
            throw new AssertionError("no user_code in " + verificationUrl);
        }
        return code.group(1);
    }

    /** Waits for the command to end (the person confirmed, or the sign-in failed). */
    Lab.Result await() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Lab.Result(-1, "timed out: " + command + "\n" + output());
            }
            return new Lab.Result(process.exitValue(), output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a temporary file left in /tmp harms nothing
            }
        }
    }

    private String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the device's output: " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
