package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.CandidateExtendedType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * A relayed candidate on Netloom's own TURN allocation ({@link RelaySocket}), in place of ice4j's
 * {@code RelayedCandidate}: ice4j runs its checks through the socket like through any other, and the path selected
 * on it sends straight into the allocation.
 *
 * <p>It is not paired with the remote peer's host candidates when the remote is evidently behind a NAT. Checks from
 * a relayed candidate leave from the relay, and a remote host address is then usually a private address the relay
 * cannot route to; coturn (4.6.1 at least) fails the {@code sendto} on the relay socket ({@code ENETUNREACH}) and
 * closes the whole allocation. The remote's server-reflexive and relayed addresses are what the relay itself has
 * seen, hence reachable from it. Should a remote host address be reachable after all (the relay inside the remote's
 * network), the remote's host candidate still checks our relayed address, and ice4j's triggered check for that
 * request does not consult {@link #canReach}.
 */
final class AllocationCandidate extends LocalCandidate {

    private final RelaySocket relay;
    private final IceSocketWrapper wrapper;
    private final List<RelayFallbackStep> fallback;

    /** @param fallback the relays passed over before this one, for the status of a path that runs on it */
    AllocationCandidate(RelaySocket relay, Component component, List<RelayFallbackStep> fallback) throws IOException {
        super(new TransportAddress(relay.relayedAddress(), Transport.UDP), component, CandidateType.RELAYED_CANDIDATE,
                CandidateExtendedType.TURN_RELAYED_CANDIDATE, null);
        this.relay = relay;
        this.fallback = List.copyOf(fallback);
        this.wrapper = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(relay));
        // RFC 8445 §5.1.1.2: the base of a relayed candidate is the candidate itself.
        setBase(this);
        setRelayServerAddress(new TransportAddress(relay.server().host(), relay.server().port(), Transport.UDP));
    }

    RelaySocket relay() {
        return relay;
    }

    List<RelayFallbackStep> fallback() {
        return fallback;
    }

    @Override
    protected IceSocketWrapper getCandidateIceSocketWrapper() {
        return wrapper;
    }

    @Override
    public boolean canReach(Candidate<?> remote) {
        return super.canReach(remote) && !(remote.getType() == CandidateType.HOST_CANDIDATE && behindNat(remote));
    }

    /**
     * Whether the remote peer's host candidates sit behind a NAT: it offered a server-reflexive address that is none
     * of its host addresses. Without one (a public host address, or no STUN answer) the pair is kept. That includes
     * a remote on a network that drops UDP (no STUN answer, a relay over TCP or TLS) whose host address is private:
     * the relay must refuse permissions towards private ranges ({@code denied-peer-ip}), as production relays do,
     * or the check towards it costs us the allocation. A public host's offer looks the same (its server-reflexive
     * address equals its host address and is not sent), so the two cannot be told apart here.
     */
    static boolean behindNat(Candidate<?> remoteHost) {
        Component component = remoteHost.getParentComponent();
        if (component == null) {
            return true;
        }
        List<RemoteCandidate> remotes = component.getRemoteCandidates();
        for (RemoteCandidate candidate : remotes) {
            if (candidate.getType() != CandidateType.SERVER_REFLEXIVE_CANDIDATE) {
                continue;
            }
            InetAddress mapped = candidate.getTransportAddress().getAddress();
            boolean isHostAddress = remotes.stream().anyMatch(other -> other.getType() == CandidateType.HOST_CANDIDATE
                    && other.getTransportAddress().getAddress().equals(mapped));
            if (!isHostAddress) {
                return true;
            }
        }
        return false;
    }
}
