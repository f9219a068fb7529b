package io.netloom.daemon.ice;

import java.time.Instant;
import java.util.Objects;

/**
 * A relay entry passed over before the one a relayed path runs on: tried and failed during the gathering, or
 * {@code skipped} because it was silent before ({@link RelayTransportMemory}).
 *
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param server {@code host:port}
 * @param reason what the attempt got, or what the remembered one got (e.g. {@code no response})
 * @param at when that was
 */
public record RelayFallbackStep(String transport, String server, boolean skipped, String reason, Instant at) {

    public RelayFallbackStep {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
