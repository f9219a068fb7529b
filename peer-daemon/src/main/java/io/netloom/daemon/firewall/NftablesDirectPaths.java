package io.netloom.daemon.firewall;

import io.netloom.daemon.ice.DirectPathOffload;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the interface's path table ({@link DirectPathRuleset}) in line with the offloaded paths: one path per
 * remote end (a newer path to the same remote replaces the older), the whole table replaced on each change.
 * Thread-safe: every peer connection calls it from its own thread.
 */
public final class NftablesDirectPaths implements DirectPathOffload {

    private static final Logger LOG = LoggerFactory.getLogger(NftablesDirectPaths.class);

    private final String interfaceName;
    private final int wireGuardPort;
    private final Consumer<String> problems;
    private final Map<InetSocketAddress, DirectPath> byRemote = new LinkedHashMap<>();

    /** @param problems told why a path could not be offloaded (shown in status) */
    public NftablesDirectPaths(String interfaceName, int wireGuardPort, Consumer<String> problems) {
        this.interfaceName = interfaceName;
        this.wireGuardPort = wireGuardPort;
        this.problems = problems;
    }

    @Override
    public synchronized boolean install(InetSocketAddress local, InetSocketAddress remote) {
        DirectPath path;
        try {
            path = new DirectPath(local, remote);
        } catch (IllegalArgumentException e) {
            LOG.info("path {} -> {} stays on the proxy: {}", local, remote, e.getMessage());
            return false;
        }
        DirectPath previous = byRemote.put(remote, path);
        if (apply()) {
            return true;
        }
        if (previous == null) {
            byRemote.remove(remote);
        } else {
            byRemote.put(remote, previous);
        }
        return false;
    }

    @Override
    public synchronized void remove(InetSocketAddress local, InetSocketAddress remote) {
        DirectPath path = byRemote.get(remote);
        if (path != null && path.local().equals(local)) {
            byRemote.remove(remote);
            apply();
        }
    }

    private boolean apply() {
        List<DirectPath> paths = new ArrayList<>(byRemote.values());
        try {
            Nftables.apply(DirectPathRuleset.render(interfaceName, wireGuardPort, paths));
            return true;
        } catch (IOException e) {
            problems.accept("direct paths not offloaded to nftables (the proxy carries them): " + e.getMessage());
            return false;
        }
    }
}
