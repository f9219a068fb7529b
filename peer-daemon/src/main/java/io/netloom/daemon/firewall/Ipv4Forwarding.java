package io.netloom.daemon.firewall;

import io.netloom.daemon.link.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The kernel's IPv4 forwarding switch of the daemon's network namespace, turned on while the device serves a
 * network and put back as it was afterwards.
 *
 * <p>The value from before is kept in a file rather than in memory, so that a daemon that was killed while serving
 * is undone by the next start ({@link #restore}) instead of leaving the machine a router for good.
 */
public final class Ipv4Forwarding {

    /** The switch of the namespace this process runs in. */
    public static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/ip_forward");

    private final Path sysctl;
    private final Path before;

    /**
     * @param sysctl the switch, {@link #SYSCTL} outside tests
     * @param before where the value from before {@link #enable} is kept until {@link #restore}
     */
    public Ipv4Forwarding(Path sysctl, Path before) {
        this.sysctl = sysctl;
        this.before = before;
    }

    /** Turns forwarding on; the value it had is remembered only the first time, so calling it again is harmless. */
    public void enable() throws IOException {
        if (!Files.exists(before)) {
            String value = valueOf(Files.readString(sysctl, StandardCharsets.US_ASCII), sysctl);
            Path written = before.resolveSibling(before.getFileName() + ".tmp");
            Files.writeString(written, value + "\n", StandardCharsets.US_ASCII);
            Files.move(written, before, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(sysctl, "1\n", StandardCharsets.US_ASCII);
    }

    /** Puts back the value from before {@link #enable}, by this process or a killed one; nothing when none is kept. */
    public void restore() throws IOException {
        if (!Files.exists(before)) {
            return;
        }
        String value = valueOf(Files.readString(before, StandardCharsets.US_ASCII), before);
        Files.writeString(sysctl, value + "\n", StandardCharsets.US_ASCII);
        Files.delete(before);
    }

    private static String valueOf(String text, Path file) throws IOException {
        String value = text.strip();
        if (!value.equals("0") && !value.equals("1")) {
            throw new IOException(file + " holds " + Printable.quote(value) + ", not 0 or 1");
        }
        return value;
    }
}
