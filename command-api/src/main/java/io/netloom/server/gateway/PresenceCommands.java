package io.netloom.server.gateway;

import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.RecordPeerConnectedCommand;
import io.netloom.domain.peer.RecordPeerDisconnectedCommand;
import io.netloom.domain.peer.SetPeerExtraDnsLabelsCommand;
import io.netloom.gateway.PeerIdentity;
import io.netloom.gateway.PresenceRecorder;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records sessions starting and ending as events, off the gateway's event loop: one thread, so a
 * peer's connection and disconnection are stored in the order they happened.
 */
@Component
public class PresenceCommands implements PresenceRecorder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceCommands.class);

    private final Commands commands;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "presence-writer");
        thread.setDaemon(true);
        return thread;
    });

    public PresenceCommands(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void connected(PeerIdentity peer, String sessionId, String remoteAddress, String daemonVersion,
            ExtraDnsLabels extraDnsLabels) {
        record(peer, new RecordPeerConnectedCommand(peer.peerId(), peer.accountId(), sessionId, remoteAddress,
                daemonVersion, clock.instant()));
        if (extraDnsLabels != null) {
            // Records something only when they differ from the peer's (ADR 0046): NetBird's login, at every sync.
            record(peer, new SetPeerExtraDnsLabelsCommand(peer.peerId(), peer.accountId(), extraDnsLabels));
        }
    }

    @Override
    public void disconnected(PeerIdentity peer, String sessionId) {
        record(peer, new RecordPeerDisconnectedCommand(peer.peerId(), peer.accountId(), sessionId, clock.instant()));
    }

    private void record(PeerIdentity peer, Object command) {
        writer.execute(() -> {
            try {
                // Nobody reads presence back at once; one busy processor must not queue every peer's connection.
                commands.sendWithoutWaitingForReadModels(command, new Initiator(peer.peerId().value()));
            } catch (RuntimeException e) {
                if (peerIsGone(e)) {
                    // Expected when the session ended because the peer was deleted.
                    log.debug("presence of peer {} not recorded: {}", peer.peerId(), e.getMessage());
                } else {
                    // The peer stays shown as it was: worth seeing, not only when debugging.
                    log.warn("presence of peer {} not recorded: {}", peer.peerId(), e.getMessage(), e);
                }
            }
        });
    }

    private static boolean peerIsGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
