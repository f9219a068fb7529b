package io.netloom.daemon.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs short-lived system tools ({@code ip}, {@code nft}, {@code wg}) with an argument list, never
 * through a shell, so nothing in an argument can be read as shell syntax.
 */
public final class Commands {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    // stdin and both output pipes are served concurrently: a tool that fills one pipe while we
    // block on another would otherwise deadlock.
    private static final Executor PIPES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "netloom-command-pipe");
        thread.setDaemon(true);
        return thread;
    });

    private Commands() {
    }

    /** Runs {@code argv} and returns its stdout; a non-zero exit becomes a {@link CommandFailedException}. */
    public static String run(String... argv) throws IOException {
        return runWithInput(null, argv);
    }

    /**
     * Like {@link #run} but feeds {@code stdin} to the command: the way to hand it secrets, which
     * must never appear in an argument (other users can read every process's arguments).
     */
    public static String runWithInput(byte[] stdin, String... argv) throws IOException {
        CommandResult result = execute(List.of(argv), stdin, DEFAULT_TIMEOUT);
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result.stdout();
    }

    /**
     * Runs {@code argv} to completion, whatever its exit status, and returns what it printed. Fails
     * only when it cannot be started, or runs past {@code timeout} (it is then killed).
     */
    public static CommandResult execute(List<String> argv, byte[] stdin, Duration timeout) throws IOException {
        String display = display(argv);
        log.debug("running {}", display);
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new IOException("cannot start `" + display + "`: " + e.getMessage(), e);
        }
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> feed(process, stdin), PIPES);
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), PIPES);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), PIPES);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("`" + display + "` did not finish within " + readable(timeout));
            }
            CommandResult result = new CommandResult(argv, process.exitValue(), stdout.get(), stderr.get());
            requireInputDelivered(input, result);
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for `" + display + "`");
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of `" + display + "`: " + e.getCause().getMessage(), e);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static String display(List<String> argv) {
        return argv.stream()
                .map(arg -> arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace) ? "'" + arg + "'" : arg)
                .collect(Collectors.joining(" "));
    }

    // A command that fails usually stops reading its input, so a broken pipe then is only an echo
    // of the failure the caller is told about anyway; after a success it means the input was lost.
    private static void requireInputDelivered(CompletableFuture<Void> input, CommandResult result)
            throws InterruptedException, IOException {
        try {
            input.get();
        } catch (ExecutionException e) {
            if (result.succeeded()) {
                throw new IOException("`" + result.displayCommand() + "` exited before reading all of its input", e);
            }
        }
    }

    private static void feed(Process process, byte[] stdin) {
        try (OutputStream pipe = process.getOutputStream()) {
            if (stdin != null) {
                pipe.write(stdin);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String drain(InputStream pipe) {
        try (pipe) {
            return new String(pipe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
