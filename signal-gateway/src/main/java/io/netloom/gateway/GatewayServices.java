package io.netloom.gateway;

import io.netloom.projections.networkmap.NetworkMaps;

/** What every session of one gateway shares. */
record GatewayServices(GatewayConfig config, NetworkMaps maps, Sessions sessions, SignalSequences sequences) {
}
