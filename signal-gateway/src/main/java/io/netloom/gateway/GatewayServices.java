package io.netloom.gateway;

import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.NetworkMaps;

/** What every session of one gateway shares; map messages come signed from {@code signedMaps} only. */
record GatewayServices(GatewayConfig config, NetworkMaps maps, SignedMaps signedMaps, Sessions sessions,
        SignalSequences sequences) {
}
