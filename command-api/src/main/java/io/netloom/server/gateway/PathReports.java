package io.netloom.server.gateway;

import io.netloom.gateway.PathReportListener;
import io.netloom.gateway.PeerIdentity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Passes the gateway's news of changed path reports on to whoever shows them live, which the gateway itself cannot
 * depend on (they read the reports back from it). Listeners run on the gateway's event loop and must not block.
 */
@Component
public class PathReports implements PathReportListener {

    private final List<PathReportListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(PathReportListener listener) {
        listeners.add(listener);
    }

    @Override
    public void pathsChanged(PeerIdentity peer) {
        listeners.forEach(listener -> listener.pathsChanged(peer));
    }
}
