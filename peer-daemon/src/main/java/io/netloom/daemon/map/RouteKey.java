package io.netloom.daemon.map;

/** One highly available route: every routing peer serving {@code network} under {@code networkId}. */
public record RouteKey(String networkId, String network) {
}
