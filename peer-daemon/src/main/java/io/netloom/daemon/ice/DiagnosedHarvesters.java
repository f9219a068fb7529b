package io.netloom.daemon.ice;

import org.ice4j.BaseStunMessageEvent;
import org.ice4j.StunFailureEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvest;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.message.Message;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.stack.TransactionID;

/**
 * ice4j's STUN harvester, extended to remember how the server answered, so that a missing srflx candidate can be
 * explained (no answer, an error code, ICMP unreachable). Relayed candidates come from {@link RelayHarvester}.
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
}
