package io.netloom.daemon.wireguard;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/** The time of a peer's last handshake as WireGuard reports it: seconds and nanoseconds since the epoch. */
final class HandshakeTimes {

    private HandshakeTimes() {
    }

    /** Null when WireGuard reports none (zero); a time no clock can hold is refused, not thrown. */
    static Instant of(long seconds, long nanos) throws IOException {
        if (seconds == 0 && nanos == 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IOException("WireGuard reported an impossible handshake time (" + seconds + " s)");
        }
    }
}
