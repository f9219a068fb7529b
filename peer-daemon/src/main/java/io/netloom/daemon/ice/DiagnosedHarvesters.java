package io.netloom.daemon.ice;

import java.net.InetAddress;
import java.util.List;
import org.ice4j.BaseStunMessageEvent;
import org.ice4j.StunFailureEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvest;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvest;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.message.Message;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;
import org.ice4j.stack.TransactionID;

/**
 * ice4j's STUN and TURN harvesters, extended to remember how the server answered, so that a missing srflx or relay
 * candidate can be explained (no answer, an error code such as 401 for a refused credential, ICMP unreachable).
 */
final class DiagnosedHarvesters {

    private DiagnosedHarvesters() {
    }

    /** What one server did during one gathering; written by ice4j threads. */
    static final class Diagnosis {
        final String label;
        private volatile boolean answered;
        private volatile String lastFailure;

        Diagnosis(String label) {
            this.label = label;
        }

        boolean answered() {
            return answered;
        }

        /** The last failure, {@code null} when there was none. */
        String lastFailure() {
            return lastFailure;
        }

        void success() {
            answered = true;
        }

        void failure(BaseStunMessageEvent event) {
            if (event instanceof StunTimeoutEvent) {
                lastFailure = "no response";
            } else if (event instanceof StunFailureEvent failure) {
                lastFailure = "unreachable (" + (failure.getCause() == null ? "send failed" : failure.getCause().getMessage()) + ")";
            } else {
                Message message = event.getMessage();
                Attribute attribute = message == null ? null : message.getAttribute(Attribute.ERROR_CODE);
                if (attribute instanceof ErrorCodeAttribute error) {
                    String reason = error.getReasonPhrase();
                    lastFailure = "error " + (int) error.getErrorCode()
                            + (reason == null || reason.isBlank() ? "" : " " + reason.strip());
                } else {
                    lastFailure = "error response";
                }
            }
        }
    }

    static final class Stun extends StunCandidateHarvester {
        final Diagnosis diagnosis;

        Stun(TransportAddress server, String label) {
            super(server);
            this.diagnosis = new Diagnosis(label);
        }

        @Override
        protected StunCandidateHarvest createHarvest(HostCandidate hostCandidate) {
            return new StunCandidateHarvest(this, hostCandidate) {
                @Override
                protected void processSuccess(Response response, Request request, TransactionID transactionID) {
                    diagnosis.success();
                    super.processSuccess(response, request, transactionID);
                }

                @Override
                protected void processFailure(BaseStunMessageEvent event) {
                    diagnosis.failure(event);
                    super.processFailure(event);
                }
            };
        }
    }

    /**
     * The same two hooks as {@link Stun}, on a TURN harvest. They cannot be written once: ice4j reports answers only
     * to overrides of the harvest's own {@code processSuccess}/{@code processFailure}, and each override has to call
     * its own superclass (Binding handling here, Allocate handling there). What they record lives in {@link Diagnosis}.
     */
    static final class Turn extends TurnCandidateHarvester {
        final Diagnosis diagnosis;

        Turn(TransportAddress server, LongTermCredential credential, String label) {
            super(server, credential);
            this.diagnosis = new Diagnosis(label);
        }

        @Override
        protected TurnCandidateHarvest createHarvest(HostCandidate hostCandidate) {
            return new TurnCandidateHarvest(this, hostCandidate) {
                @Override
                protected void processSuccess(Response response, Request request, TransactionID transactionID) {
                    diagnosis.success();
                    super.processSuccess(response, request, transactionID);
                }

                @Override
                protected void processFailure(BaseStunMessageEvent event) {
                    diagnosis.failure(event);
                    super.processFailure(event);
                }

                @Override
                protected RelayedCandidate createRelayedCandidate(TransportAddress transportAddress,
                        TransportAddress mappedAddress) {
                    return new NoHostPairsRelayedCandidate(transportAddress, this, mappedAddress);
                }
            };
        }
    }

    /**
     * A relayed candidate that is not paired with the remote peer's host candidates.
     *
     * <p>Checks from a relayed candidate are Send indications (later ChannelData) that the TURN server forwards
     * from its relay port. A remote host address is usually a private address behind the remote peer's NAT, which
     * the TURN server cannot route to; coturn (4.6.1 at least) then fails the {@code sendto} on the relay socket
     * ({@code ENETUNREACH}) and closes the whole allocation, session and relay port, a moment after
     * CreatePermission succeeded. Every later check through it is lost (Send indications answered by nothing,
     * checks to the relay port by ICMP port unreachable), and since ice4j checks the relay/host pair first (its
     * priority is the highest of the relay pairs), no relayed pair can ever succeed. The remote peer's
     * server-reflexive and relayed addresses are what the TURN server itself has seen, hence reachable from it.
     * So a remote host candidate is left out when the remote is evidently behind a NAT (see {@link #behindNat});
     * should it be reachable after all (the TURN server inside the remote's network), the remote's host candidate
     * still checks our relayed address, and ice4j's triggered check for that request does not consult this method.
     */
    static final class NoHostPairsRelayedCandidate extends RelayedCandidate {

        NoHostPairsRelayedCandidate(TransportAddress transportAddress, TurnCandidateHarvest harvest,
                TransportAddress mappedAddress) {
            super(transportAddress, harvest, mappedAddress);
        }

        @Override
        public boolean canReach(Candidate<?> remote) {
            return super.canReach(remote) && !(remote.getType() == CandidateType.HOST_CANDIDATE && behindNat(remote));
        }

        /**
         * Whether the remote peer's host candidates sit behind a NAT: it offered a server-reflexive address that is
         * none of its host addresses. Without one (a public host address, or no STUN answer) the pair is kept.
         */
        private static boolean behindNat(Candidate<?> remoteHost) {
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
}
