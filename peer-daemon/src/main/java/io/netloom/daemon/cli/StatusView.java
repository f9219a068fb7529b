package io.netloom.daemon.cli;

import io.netloom.daemon.login.SignIn;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.PeerStatus;
import io.netloom.daemon.status.RelayFallback;
import io.netloom.daemon.status.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The human view of {@code netloom status}, laid out like {@code netbird status -d}. */
record StatusView(DaemonStatus status, Optional<SignIn> signIn, Instant now) {

    StatusView(DaemonStatus status) {
        this(status, Optional.empty(), Instant.now());
    }

    /** Who signed in on this device and when that login ends (or ended). */
    static String login(SignIn signIn, Instant now) {
        Instant expiresAt = signIn.loginExpiresAt();
        return "Signed in: " + signIn.who() + "\n"
                + "Login " + (expiresAt.isAfter(now) ? "expires: " : "expired: ") + expiresAt
                + (expiresAt.isAfter(now) ? "" : " (run `netloom login` to sign in again)") + "\n";
    }

    String render(boolean detail) {
        StringBuilder out = new StringBuilder();
        if (detail) {
            out.append("Peers detail:\n");
            status.peers().forEach(peer -> peerDetail(out, peer));
        }
        out.append("Daemon version: ").append(status.daemonVersion()).append('\n');
        signIn.ifPresent(login -> out.append(login(login, now)));
        out.append("Management: ").append(service(status.management())).append('\n');
        out.append("Gateway: ").append(service(status.gateway())).append('\n');
        out.append("FQDN: ").append(status.fqdn()).append('\n');
        out.append("Overlay IP: ").append(status.overlayIp()).append('\n');
        out.append("Interface: ").append(status.interfaceName()).append(" (").append(status.interfaceType())
                .append(", port ").append(status.wireGuardPort()).append(")\n");
        out.append("Map serial: ").append(status.mapSerial() == null ? "none yet" : status.mapSerial()).append('\n');
        if (status.turnCredentialsExpireAt() != null) {
            out.append("TURN credentials: valid until ").append(status.turnCredentialsExpireAt()).append('\n');
        }
        long connected = status.peers().stream().filter(peer -> "connected".equals(peer.state())).count();
        out.append("Peers count: ").append(connected).append('/').append(status.peers().size()).append(" Connected\n");
        if (detail) {
            out.append(RoutesView.detail(status.routes(), status.servedRoutes()));
        }
        if (status.dns() != null) {
            out.append(detail ? DnsView.detail(status.dns()) : DnsView.line(status.dns()));
        }
        if (!status.problems().isEmpty()) {
            out.append("Recent problems:\n");
            status.problems().stream().limit(detail ? 20 : 3).forEach(problem -> out.append("  ").append(problem).append('\n'));
        }
        return out.toString();
    }

    private void peerDetail(StringBuilder out, PeerStatus peer) {
        out.append(' ').append(peer.fqdn() == null ? peer.id() : peer.fqdn()).append(":\n");
        line(out, "Overlay IP", peer.overlayIp());
        line(out, "Public key", peer.publicKey());
        line(out, "Status", capitalized(peer.state()) + (peer.onlineAtGateway() ? "" : " (offline at the gateway)"));
        line(out, "Connection type", peer.connectionType() == null ? "-" : peer.connectionType());
        line(out, "ICE candidate (Local/Remote)", orDash(peer.localCandidateType()) + "/" + orDash(peer.remoteCandidateType()));
        line(out, "ICE candidate endpoints (Local/Remote)", orDash(peer.localEndpoint()) + "/" + orDash(peer.remoteEndpoint()));
        line(out, "Data path", peer.dataPath() == null ? "-"
                : "KERNEL".equals(peer.dataPath()) ? "kernel (nftables)" : "userspace proxy");
        if (peer.relayTransport() != null) {
            line(out, "Relay", peer.relayTransport() + " to " + orDash(peer.relayServer())
                    + fallback(peer.relayFallback(), peer.relayServer()));
        }
        line(out, "Last WireGuard handshake", peer.lastHandshake() == null ? "-" : peer.lastHandshake().toString());
        line(out, "Transfer status (received/sent)", bytes(peer.receivedBytes()) + "/" + bytes(peer.sentBytes()));
        line(out, "Latency", peer.latencyMillis() == null ? "-" : String.format("%.3f ms", peer.latencyMillis()));
        if (peer.lastError() != null) {
            line(out, "Last error", peer.lastError());
        }
        out.append('\n');
    }

    /**
     * Why the relays before the one in use were passed over, e.g. {@code  (udp skipped: no response 40 s ago)}; a
     * relay on another server than the one in use is named.
     */
    private String fallback(List<RelayFallback> steps, String inUse) {
        if (steps.isEmpty()) {
            return "";
        }
        String host = inUse == null ? "" : inUse.substring(0, Math.max(0, inUse.lastIndexOf(':')));
        List<String> parts = new ArrayList<>();
        for (RelayFallback step : steps) {
            boolean sameHost = step.server().substring(0, Math.max(0, step.server().lastIndexOf(':'))).equals(host);
            parts.add(step.transport() + (sameHost ? "" : " to " + step.server()) + (step.skipped() ? " skipped" : "")
                    + ": " + step.reason() + " " + ago(step.at()));
        }
        return " (" + String.join("; ", parts) + ")";
    }

    private String ago(Instant at) {
        long seconds = Math.max(0, Duration.between(at, now).toSeconds());
        return (seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h") + " ago";
    }

    private static String service(ServiceStatus service) {
        if (service == null) {
            return "-";
        }
        String text = capitalized(service.state()) + " (" + service.url() + ", since " + time(service.since()) + ")";
        return service.lastError() == null ? text : text + ": " + service.lastError();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(": ").append(value).append('\n');
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String capitalized(String value) {
        return value == null || value.isEmpty() ? "-" : Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    private static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        if (count < 1024 * 1024) {
            return String.format("%.1f KiB", count / 1024.0);
        }
        return String.format("%.1f MiB", count / (1024.0 * 1024));
    }
}
