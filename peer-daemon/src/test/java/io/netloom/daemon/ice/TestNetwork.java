package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Commands and clean-up shared by the ICE test labs, which build their networks with {@code ip} and {@code nft}. */
final class TestNetwork {

    private static final Pattern PACKETS = Pattern.compile("packets (\\d+)");

    private TestNetwork() {
    }

    /** Runs a command to its end and returns its output; fails on a non-zero exit or after 30 s. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + out.strip());
        }
        return out;
    }

    /** Runs a clean-up command whose failure (mostly: there was nothing to remove) does not matter. */
    static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line that runs {@code command} in network namespace {@code namespace}. */
    static String[] inNamespace(String namespace, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = namespace;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    /** The packet count in the output of {@code nft list counter …}. */
    static long packets(String nftCounter) {
        Matcher matcher = PACKETS.matcher(nftCounter);
        if (!matcher.find()) {
            throw new IllegalStateException("no counter in: " + nftCounter);
        }
        return Long.parseLong(matcher.group(1));
    }

    static int freeUdpPort(String ip) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0))) {
            return socket.getLocalPort();
        }
    }

    /** Ends a helper process the lab started (coturn, tcpdump), forcibly if it does not stop within 10 s. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a lab's working directory with everything in it, as far as it can. */
    static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
