package io.netloom.daemon.ice;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.IceMediaStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controlling side's nomination, in place of ice4j's {@code NOMINATE_FIRST_HOST_OR_REFLEXIVE_VALID}: the first
 * valid pair without a relay is nominated at once; a valid relayed pair only after a wait ({@link #RELAYED_WAIT_MILLIS}
 * normally), and
 * then the valid pair through the fewest relays (highest priority among those), not the first one validated as
 * ice4j does. With relays of our own, whose permissions are installed before the checks, a relay-to-relay pair
 * (two relays on the way) is often validated as early as a relay-to-host or relay-to-reflexive one (one relay).
 */
final class PairNominator implements PropertyChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(PairNominator.class);
    /** ice4j's own wait for a better pair once a relayed one is valid. */
    static final long RELAYED_WAIT_MILLIS = 800;
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "nl-ice-nominate");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setKeepAliveTime(30, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true);
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final Agent agent;
    private final long relayedWaitMillis;
    private final List<CandidatePair> validRelayed = new ArrayList<>();
    private boolean waiting;
    private boolean decided;

    private PairNominator(Agent agent, long relayedWaitMillis) {
        this.agent = agent;
        this.relayedWaitMillis = relayedWaitMillis;
    }

    /**
     * Nominates on {@code stream} of the controlling {@code agent}, whose own nomination strategy must be NONE.
     *
     * @param relayedWaitMillis how long to wait, once a relayed pair is valid, for a pair through fewer relays
     */
    static void attach(Agent agent, IceMediaStream stream, long relayedWaitMillis) {
        stream.addPairChangeListener(new PairNominator(agent, relayedWaitMillis));
    }

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        if (!IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(event.getPropertyName())
                || !(event.getSource() instanceof CandidatePair pair)) {
            return;
        }
        CandidatePair now = null;
        synchronized (this) {
            if (decided) {
                return;
            }
            if (relays(pair) == 0) {
                decided = true;
                now = pair;
            } else {
                validRelayed.add(pair);
                if (!waiting) {
                    waiting = true;
                    TIMER.schedule(this::nominateBestRelayed, relayedWaitMillis, TimeUnit.MILLISECONDS);
                }
            }
        }
        if (now != null) {
            nominate(now);
        }
    }

    private void nominateBestRelayed() {
        CandidatePair best;
        synchronized (this) {
            if (decided) {
                return;
            }
            decided = true;
            best = validRelayed.stream().min(Comparator.comparingInt(PairNominator::relays)
                    .thenComparing(Comparator.comparingLong(CandidatePair::getPriority).reversed())).orElseThrow();
        }
        nominate(best);
    }

    /** Outside this object's lock: ice4j fires the events under its own. */
    private void nominate(CandidatePair pair) {
        try {
            agent.nominate(pair);
        } catch (RuntimeException e) {
            // The agent was freed meanwhile (a newer negotiation, a close): nothing to nominate for.
            LOG.debug("nominating {} failed", pair.toShortString(), e);
        }
    }

    static int relays(CandidatePair pair) {
        return (pair.getLocalCandidate().getType() == CandidateType.RELAYED_CANDIDATE ? 1 : 0)
                + (pair.getRemoteCandidate().getType() == CandidateType.RELAYED_CANDIDATE ? 1 : 0);
    }
}
