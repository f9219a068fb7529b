package io.netloom.daemon.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a device keeps what survives restarts: its private key, its enrollment, the highest map
 * serial it accepted, its newest TURN credentials, the routes its user selected, the system's resolv.conf from before
 * the daemon managed it, the daemon's control socket and log. Readable only by its owner.
 */
public record StateDirectory(Path root) {

    public static final Path DEFAULT = Path.of("/var/lib/netloom");

    public StateDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public void create() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    public Path privateKey() {
        return root.resolve("private.key");
    }

    public Path enrollment() {
        return root.resolve("enrollment.json");
    }

    /** The highest map serial accepted ({@link MapSerialFile}). */
    public Path mapSerial() {
        return root.resolve("map-serial.json");
    }

    /** The newest TURN credentials from the gateway ({@link TurnCredentialsFile}). */
    public Path turnCredentials() {
        return root.resolve("turn-credentials.json");
    }

    /** The person's sign-in: tokens and who they are ({@code io.netloom.daemon.login.SignIn}). */
    public Path login() {
        return root.resolve("login.json");
    }

    /** IPv4 forwarding as it was before the daemon served a network ({@code Ipv4Forwarding}). */
    public Path forwardingBefore() {
        return root.resolve("ip-forward-before");
    }

    /** Which routes the user selected or deselected ({@code io.netloom.daemon.routes.RouteChoices}). */
    public Path routeChoices() {
        return root.resolve("route-choices.json");
    }

    /** /etc/resolv.conf as it was before the daemon managed it ({@code io.netloom.daemon.dns.ResolvConfFile}). */
    public Path resolvConfOriginal() {
        return root.resolve("resolv.conf.original.json");
    }

    public Path settings() {
        return root.resolve("settings.json");
    }

    public Path controlSocket() {
        return root.resolve("daemon.sock");
    }

    public Path log() {
        return root.resolve("daemon.log");
    }
}
