package io.netloom.daemon.ice;

import io.netloom.daemon.ice.RelayTransportMemory.Endpoint;
import io.netloom.daemon.ice.RelayTransportMemory.Outcome;
import io.netloom.daemon.relay.RelayTrust;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ice4j.AbstractResponseCollector;
import org.ice4j.BaseStunMessageEvent;
import org.ice4j.StunResponseEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.message.MessageFactory;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.stack.StunStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes an endpoint that {@link RelayTransportMemory} skips, on a thread of its own, and reports to the memory
 * whether it answered: a gathering never waits for it, and the next one uses the endpoint again if it did.
 */
final class TransportProbes {

    private static final Logger LOG = LoggerFactory.getLogger(TransportProbes.class);
    /** Longer than ice4j's own STUN transaction (retransmissions up to about 1.6 s, as for the STUN harvest). */
    private static final long STUN_PROBE_LIMIT_MILLIS = 10_000;

    private TransportProbes() {
    }

    /** One STUN Binding request to {@code server} from {@code local} (an address of a host candidate). */
    static void stun(TransportAddress server, InetAddress local, Endpoint endpoint, RelayTransportMemory memory,
            Set<String> network) {
        start(endpoint, () -> {
            String reason = "no response";
            Outcome outcome = Outcome.SILENT;
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
                StunStack stack = new StunStack();
                try {
                    TransportAddress from = new TransportAddress((InetSocketAddress) socket.getLocalSocketAddress(),
                            Transport.UDP);
                    stack.addSocket(new IceUdpSocketWrapper(socket));
                    CompletableFuture<Boolean> result = new CompletableFuture<>();
                    stack.sendRequest(MessageFactory.createBindingRequest(), server, from,
                            new AbstractResponseCollector() {
                                @Override
                                public void processResponse(StunResponseEvent event) {
                                    // An error response is an answer too: the transport gets through.
                                    result.complete(true);
                                }

                                @Override
                                protected void processFailure(BaseStunMessageEvent event) {
                                    result.complete(false);
                                }
                            });
                    if (result.get(STUN_PROBE_LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        outcome = Outcome.ANSWERED;
                    }
                } finally {
                    stack.shutDown();
                }
            } catch (TimeoutException e) {
                // ice4j never reported back: as silent as a request that timed out
            } catch (IOException | ExecutionException | RuntimeException e) {
                // The probe could not ask (the host address went away, say): nothing learnt about the network.
                outcome = Outcome.REFUSED;
                reason = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = Outcome.REFUSED;
                reason = "interrupted";
            }
            report("STUN Binding", memory, network, endpoint, outcome, reason);
        });
    }

    /** An allocation on {@code server}, released at once: the same request a gathering would make. */
    static void relay(TurnServer server, RelayTrust trust, InetAddress local, Endpoint endpoint,
            RelayTransportMemory memory, Set<String> network) {
        start(endpoint, () -> {
            Outcome outcome;
            String reason;
            try {
                RelaySocket.allocate(server.relayServer(), trust, RelayHarvester.TIMINGS, local).close();
                outcome = Outcome.ANSWERED;
                reason = "allocated";
            } catch (IOException | RuntimeException e) {
                outcome = RelayHarvester.outcome(e);
                reason = outcome == Outcome.SILENT ? RelayHarvester.silentReason(e) : RelayHarvester.describe(e);
            }
            report("allocation", memory, network, endpoint, outcome, reason);
        });
    }

    private static void report(String kind, RelayTransportMemory memory, Set<String> network, Endpoint endpoint,
            Outcome outcome, String reason) {
        LOG.info("{} probe of {} to {}: {}", kind, endpoint.transportName(), endpoint.server(),
                outcome == Outcome.ANSWERED ? "answered" : reason);
        memory.probed(network, endpoint, outcome, reason);
    }

    private static void start(Endpoint endpoint, Runnable probe) {
        Thread thread = new Thread(probe, "nl-probe-" + endpoint.transportName() + "-" + endpoint.server());
        thread.setDaemon(true);
        thread.start();
    }
}
