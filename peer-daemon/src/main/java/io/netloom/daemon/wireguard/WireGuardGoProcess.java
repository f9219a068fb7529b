package io.netloom.daemon.wireguard;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running {@code wireguard-go -f <name>}: starting it, waiting for its control socket, stopping it. */
final class WireGuardGoProcess {

    static final Duration SOCKET_DEADLINE = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private static final Logger log = LoggerFactory.getLogger(WireGuardGoProcess.class);

    private final String interfaceName;
    private final Process process;

    private WireGuardGoProcess(String interfaceName, Process process) {
        this.interfaceName = interfaceName;
        this.process = process;
    }

    /** Starts wireguard-go in the foreground (so it stays our child) and waits until it answers on {@code uapi}. */
    static WireGuardGoProcess start(String interfaceName, UapiClient uapi) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("wireguard-go", "-f", interfaceName).redirectErrorStream(true);
        // wireguard-go refuses to run on Linux without this, pointing at the kernel module instead;
        // we only get here once the kernel has said it has none.
        builder.environment().put("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1");
        long startedAt = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start wireguard-go for " + interfaceName
                    + " (is the wireguard-go package installed?): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        ProcessOutputLog output = ProcessOutputLog.follow(process.getInputStream(), interfaceName);
        WireGuardGoProcess started = new WireGuardGoProcess(interfaceName, process);
        try {
            started.awaitSocket(uapi, output, startedAt);
        } catch (IOException e) {
            started.stop();
            throw e;
        }
        return started;
    }

    private void awaitSocket(UapiClient uapi, ProcessOutputLog output, long startedAt) throws IOException {
        long deadline = startedAt + SOCKET_DEADLINE.toNanos();
        while (!uapi.isAnswering()) {
            if (!process.isAlive()) {
                throw new IOException("wireguard-go for " + interfaceName + " exited with status "
                        + process.exitValue() + " before opening its control socket: " + lastLinesOf(output));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("wireguard-go for " + interfaceName + " did not open its control socket "
                        + uapi.socket() + " within " + SOCKET_DEADLINE.toSeconds() + " s");
            }
            pause();
        }
        log.info("wireguard-go for {} is ready (pid {}, {} ms)",
                interfaceName, process.pid(), (System.nanoTime() - startedAt) / 1_000_000);
    }

    /** SIGTERM, which makes wireguard-go remove its interface and socket; SIGKILL if it lingers. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("wireguard-go for {} ignored SIGTERM for {} s; killing it", interfaceName, STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLinesOf(ProcessOutputLog output) throws InterruptedIOException {
        try {
            return output.lastLinesAfterExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading wireguard-go's output");
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for wireguard-go");
        }
    }
}
