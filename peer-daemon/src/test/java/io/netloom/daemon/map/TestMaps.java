package io.netloom.daemon.map;

import io.netloom.gateway.protocol.X25519Keys;
import java.util.List;

/** Map entries for tests: real keys, overlay addresses from 100.64.0.0/10. */
public final class TestMaps {

    private TestMaps() {
    }

    public static RemotePeer peer(String id, int host) {
        return new RemotePeer(id, X25519Keys.generate().publicKeyBase64(), "100.64.0." + host + "/32",
                id + ".netloom.internal", true);
    }

    public static NetworkMap map(long serial, List<RemotePeer> peers, List<InboundRule> rules) {
        return new NetworkMap(serial, new MapConfig("100.64.0.1/10", "self.netloom.internal", "netloom.internal"), peers,
                rules);
    }
}
