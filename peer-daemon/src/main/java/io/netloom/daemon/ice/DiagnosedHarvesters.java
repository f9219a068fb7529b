package io.netloom.daemon.ice;

import io.netloom.daemon.ice.RelayTransportMemory.Attempt;
import io.netloom.daemon.ice.RelayTransportMemory.Endpoint;
import io.netloom.daemon.ice.RelayTransportMemory.Outcome;
import io.netloom.daemon.ice.RelayTransportMemory.Silence;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ice4j.BaseStunMessageEvent;
import org.ice4j.StunFailureEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvest;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.message.Message;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.stack.TransactionID;

/**
 * ice4j's STUN harvester, extended to remember how the server answered, so that a missing srflx candidate can be
 * explained (no answer, an error code, ICMP unreachable), and to skip a server that {@link RelayTransportMemory}
 * knows to be silent on this network (probing it in the background now and then) instead of waiting for it again.
 * Relayed candidates come from {@link RelayHarvester}.
 */
final class DiagnosedHarvesters {

    private DiagnosedHarvesters() {
    }

    /** What one server did during one gathering; written by ice4j threads. */
    static final class Diagnosis {
        final String label;
        private volatile boolean answered;
        private volatile String lastFailure;
        private volatile Outcome failureOutcome;
        private volatile Silence skipped;

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

        /** Why the server was not asked at all, {@code null} when it was. */
        Silence skipped() {
            return skipped;
        }

        /** What asking the server said about UDP to it, for the memory; empty when it was not asked. */
        Optional<Attempt> attempt(Endpoint endpoint) {
            Outcome outcome = answered ? Outcome.ANSWERED : failureOutcome;
            return outcome == null ? Optional.empty() : Optional.of(new Attempt(endpoint, outcome, false, lastFailure));
        }

        void success() {
            answered = true;
        }

        void skip(Silence silence) {
            skipped = silence;
        }

        void failure(BaseStunMessageEvent event) {
            if (event instanceof StunTimeoutEvent) {
                lastFailure = "no response";
                failureOutcome = Outcome.SILENT;
            } else if (event instanceof StunFailureEvent failure) {
                lastFailure = "unreachable (" + (failure.getCause() == null ? "send failed" : failure.getCause().getMessage()) + ")";
                failureOutcome = Outcome.REFUSED;
            } else {
                // An error response: the server is reachable over UDP.
                failureOutcome = Outcome.ANSWERED;
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
        final Endpoint endpoint;
        private final RelayTransportMemory memory;

        Stun(TransportAddress server, StunServer configured, RelayTransportMemory memory) {
            super(server);
            this.diagnosis = new Diagnosis(configured.toString());
            this.endpoint = Endpoint.of(configured);
            this.memory = memory;
        }

        /** Probes this server in the background: {@link RelayTransportMemory#learn} made it a suspect. */
        void confirmSilence(Component component, Set<String> network) {
            TransportProbes.stun(stunServer, FilteredHostHarvester.firstHostAddress(component), endpoint, memory,
                    network);
        }

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            Set<String> network = FilteredHostHarvester.hostAddresses(component);
            RelayTransportMemory.Plan plan = memory.plan(network, List.of(endpoint));
            if (plan.reprobe().contains(endpoint)) {
                confirmSilence(component, network);
            }
            Optional<Silence> silence = plan.skips(endpoint);
            if (silence.isPresent()) {
                diagnosis.skip(silence.get());
                return List.of();
            }
            return super.harvest(component);
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
}
