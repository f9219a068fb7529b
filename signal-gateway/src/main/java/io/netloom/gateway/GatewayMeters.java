package io.netloom.gateway;

/**
 * What the gateway counts as it happens, told on its event loops: implementations must not block. The gateway
 * depends on no metrics library; the server binds this to its meter registry (ADR 0050). What the gateway holds at
 * a moment (sessions, reported paths) is read from {@link SignalGateway} instead, when the meters are scraped.
 */
public interface GatewayMeters {

    GatewayMeters NONE = new GatewayMeters() {
        @Override
        public void mapPushed(boolean fullMap) {
        }

        @Override
        public void signal(SignalOutcome outcome) {
        }
    };

    /** A signed map message was written to a peer's socket: its whole map, or a delta. */
    void mapPushed(boolean fullMap);

    /** A peer's signal was written to its recipient, or not, for the reason named. */
    void signal(SignalOutcome outcome);
}
