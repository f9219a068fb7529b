package io.netloom.gateway;

import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.NetworkMaps;
import java.time.Clock;

/**
 * What every session of one gateway shares; map messages come signed from {@code signedMaps} only, TURN
 * credentials from {@code turnCredentials}; signals go through {@code relay}; {@code pathReports} hears of each
 * change of a session's reported paths, {@code meters} of each map pushed and signal relayed; session ids name
 * {@code node}, this gateway ({@link SessionIds}).
 */
record GatewayServices(GatewayConfig config, NetworkMaps maps, SignedMaps signedMaps, Sessions sessions,
        SignalRelay relay, TurnCredentialSource turnCredentials, PathReportListener pathReports,
        GatewayMeters meters, Clock clock, String node) {
}
