package io.netloom.api.netbird;

import java.time.Instant;

/** Date-time constants of NetBird's wire format. */
public final class NetbirdTimes {

  /**
   * NetBird's zero time ({@code 0001-01-01T00:00:00Z}, Go's zero {@code time.Time}), which NetBird sends for
   * required date-times that never happened, e.g. {@code Peer.last_login} or {@code SetupKey.last_used}.
   */
  public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private NetbirdTimes() {}
}
