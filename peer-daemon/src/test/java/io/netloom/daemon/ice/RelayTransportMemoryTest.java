package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.ice.RelayTransportMemory.Attempt;
import io.netloom.daemon.ice.RelayTransportMemory.Endpoint;
import io.netloom.daemon.ice.RelayTransportMemory.Outcome;
import io.netloom.daemon.ice.RelayTransportMemory.Plan;
import io.netloom.daemon.ice.RelayTransportMemory.Silence;
import io.netloom.daemon.relay.RelayTransport;
import io.netloom.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy of {@link RelayTransportMemory}, on a clock the test moves: no sleeping, no timing. */
class RelayTransportMemoryTest {

    private static final Instant START = Instant.parse("2026-12-05T12:00:00Z");
    private static final Set<String> HOTEL = Set.of("198.18.252.1");
    private static final Set<String> HOME = Set.of("198.18.7.20");
    private static final Endpoint UDP = new Endpoint("203.0.113.1", 3478, RelayTransport.UDP);
    private static final Endpoint TCP = new Endpoint("203.0.113.1", 3478, RelayTransport.TCP);
    private static final Endpoint TLS = new Endpoint("203.0.113.1", 5349, RelayTransport.TLS);
    private static final List<Endpoint> RELAYS = List.of(UDP, TCP, TLS);

    private final MovableClock clock = new MovableClock(START);
    private final RelayTransportMemory memory = new RelayTransportMemory(clock, Duration.ofMinutes(1));

    @Test
    void planWhenNothingLearnedThenSkipsNothing() {
        Plan plan = memory.plan(HOTEL, RELAYS);

        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.reprobe()).isEmpty();
    }

    @Test
    void planWhenUdpWasSilentWhileTcpAllocatedThenSkipsUdpOnly() {
        learnConfirmed(HOTEL, List.of(stun(UDP, Outcome.SILENT), relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofSeconds(40));

        Plan plan = memory.plan(HOTEL, RELAYS);

        assertThat(plan.skipped()).containsOnlyKeys(UDP);
        assertThat(plan.skips(UDP)).contains(new Silence("no response", START));
        assertThat(plan.skips(UDP).orElseThrow().describe(clock.instant())).isEqualTo("no response 40 s ago");
        assertThat(plan.reprobe()).isEmpty();
    }

    @Test
    void planWhenUdpAndTcpWereSilentWhileTlsAllocatedThenSkipsBothWithTheirReasons() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), new Attempt(TCP, Outcome.SILENT, true, "connect timed out"),
                relay(TLS, Outcome.ANSWERED)));

        Plan plan = memory.plan(HOTEL, RELAYS);

        assertThat(plan.skipped()).containsOnlyKeys(UDP, TCP);
        assertThat(plan.skips(TCP).orElseThrow().reason()).isEqualTo("connect timed out");
    }

    @Test
    void learnWhenStunWasSilentWhileARelayAllocatedThenStunToThatAddressIsSkipped() {
        Endpoint stun = new Endpoint("203.0.113.9", 3478, RelayTransport.UDP);

        learnConfirmed(HOTEL, List.of(stun(stun, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        assertThat(memory.plan(HOTEL, List.of(stun)).skipped()).containsOnlyKeys(stun);
    }

    @Test
    void learnWhenEverythingWasSilentThenRemembersNothing() {
        // The relay may be down, or the device offline: nothing says which transport the network blocks.
        memory.learn(HOTEL, List.of(stun(UDP, Outcome.SILENT), relay(UDP, Outcome.SILENT), relay(TCP, Outcome.SILENT),
                relay(TLS, Outcome.SILENT)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void learnWhenRefusedQuicklyWhileAnotherAllocatedThenNotSkipped() {
        // A refusal (port closed, connection refused) costs a round trip, not a timeout: nothing to save.
        memory.learn(HOTEL, List.of(relay(UDP, Outcome.REFUSED), relay(TCP, Outcome.ANSWERED)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void learnWhenTheRemainingTransportWasRefusedThenKeepsWhatWasSkipped() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.SILENT), relay(TLS, Outcome.ANSWERED)));

        // The relay restarts: TLS is refused for a moment. The network is the same; UDP and TCP stay skipped.
        memory.learn(HOTEL, List.of(relay(TLS, Outcome.REFUSED)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).containsOnlyKeys(UDP, TCP);
    }

    @Test
    void learnWhenEveryRelayTriedWasSilentThenForgetsEverything() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        // TCP, the one that worked, is silent now too: the memory no longer describes this network.
        memory.learn(HOTEL, List.of(relay(TCP, Outcome.SILENT), relay(TLS, Outcome.SILENT)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void learnWhenOnlyStunWasSilentWithoutRelaysThenKeepsWhatWasSkipped() {
        // An upgrade gathers no relay: a silent STUN server there is no reason to forget what relays taught.
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        Endpoint otherStun = new Endpoint("203.0.113.9", 3478, RelayTransport.UDP);

        memory.learn(HOTEL, List.of(stun(otherStun, Outcome.SILENT)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).containsOnlyKeys(UDP);
    }

    @Test
    void learnWhenAnEndpointAnswersAgainThenItIsNoLongerSkipped() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        memory.learn(HOTEL, List.of(stun(UDP, Outcome.ANSWERED)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void learnWhenTheSameEndpointWasSilentForStunButAnsweredForTheRelayThenNotSkipped() {
        memory.learn(HOTEL, List.of(stun(UDP, Outcome.SILENT), relay(UDP, Outcome.ANSWERED)));

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void planWhenTheNetworkChangedThenForgetsEverything() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        assertThat(memory.plan(HOME, RELAYS).skipped()).isEmpty();
        // Back in the hotel, the old knowledge is gone too: the network may have changed meanwhile.
        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void planWhenSilentForLessThanTheReprobeDelayThenNoProbe() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofSeconds(59));

        assertThat(memory.plan(HOTEL, RELAYS).reprobe()).isEmpty();
    }

    @Test
    void planWhenSilentForTheReprobeDelayThenOneProbeAtATime() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofMinutes(1));

        Plan first = memory.plan(HOTEL, RELAYS);
        Plan second = memory.plan(HOTEL, RELAYS);

        assertThat(first.reprobe()).containsExactly(UDP);
        assertThat(first.skipped()).containsOnlyKeys(UDP);
        assertThat(second.reprobe()).as("the first probe is still under way").isEmpty();
        assertThat(second.skipped()).containsOnlyKeys(UDP);
    }

    @Test
    void probedWhenAnsweredThenTheNextGatheringUsesTheEndpointAgain() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofMinutes(1));
        memory.plan(HOTEL, RELAYS);

        memory.probed(HOTEL, UDP, Outcome.ANSWERED, "allocated");

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void probedWhenSilentThenSkippedAndProbedAgainOnlyAfterAnotherDelay() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofMinutes(1));
        memory.plan(HOTEL, RELAYS);
        clock.advance(Duration.ofSeconds(3));

        memory.probed(HOTEL, UDP, Outcome.SILENT, "no response");

        clock.advance(Duration.ofSeconds(30));
        Plan soon = memory.plan(HOTEL, RELAYS);
        assertThat(soon.skips(UDP)).contains(new Silence("no response", START.plusSeconds(63)));
        assertThat(soon.reprobe()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(memory.plan(HOTEL, RELAYS).reprobe()).containsExactly(UDP);
    }

    @Test
    void probedWhenTheNetworkChangedMeanwhileThenIgnored() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofMinutes(1));
        memory.plan(HOTEL, RELAYS);
        learnConfirmed(HOME, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        memory.probed(HOTEL, UDP, Outcome.ANSWERED, "allocated");

        assertThat(memory.plan(HOME, RELAYS).skipped()).as("learnt at home, not undone by the hotel's probe")
                .containsOnlyKeys(UDP);
    }

    @Test
    void describeWhenLongAgoThenMinutesOrHours() {
        Silence silence = new Silence("no response", START);

        assertThat(silence.describe(START.plusSeconds(119))).isEqualTo("no response 119 s ago");
        assertThat(silence.describe(START.plusSeconds(600))).isEqualTo("no response 10 min ago");
        assertThat(silence.describe(START.plusSeconds(3 * 3600))).isEqualTo("no response 3 h ago");
    }

    @Test
    void learnWhenUdpWasSilentWhileTcpAllocatedThenUdpIsASuspectToProbeAtOnceAndNotYetSkipped() {
        List<Endpoint> suspects = memory.learn(HOTEL, List.of(stun(UDP, Outcome.SILENT), relay(UDP, Outcome.SILENT),
                relay(TCP, Outcome.ANSWERED)));

        assertThat(suspects).containsExactly(UDP);
        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
        assertThat(memory.silence(UDP)).isEmpty();
    }

    @Test
    void probedWhenTheSuspectAnswersThenForgotten() {
        // The relay restarted during the gathering: UDP went unanswered while it was down, TCP got through once it
        // was back. The probe right after finds UDP answering.
        memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        memory.probed(HOTEL, UDP, Outcome.ANSWERED, "allocated");

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
        assertThat(memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED))))
                .as("a suspect again, probed again").containsExactly(UDP);
    }

    @Test
    void probedWhenTheSuspectIsSilentAgainThenSkippedFromThen() {
        memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofSeconds(3));

        memory.probed(HOTEL, UDP, Outcome.SILENT, "no response");

        Plan plan = memory.plan(HOTEL, RELAYS);
        assertThat(plan.skips(UDP)).contains(new Silence("no response", START.plusSeconds(3)));
        assertThat(plan.reprobe()).isEmpty();
    }

    @Test
    void probedWhenTheSuspectsRelayRefusesThenForgotten() {
        // The relay went down right after the gathering: its refusal explains the silence, so nothing is skipped.
        memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        memory.probed(HOTEL, UDP, Outcome.REFUSED, "cannot reach relay udp://203.0.113.1:3478: port unreachable");

        assertThat(memory.plan(HOTEL, RELAYS).skipped()).isEmpty();
    }

    @Test
    void probedWhenASilentEndpointsRelayRefusesThenStillSkippedForItsSilence() {
        learnConfirmed(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));
        clock.advance(Duration.ofMinutes(1));
        memory.plan(HOTEL, RELAYS);

        memory.probed(HOTEL, UDP, Outcome.REFUSED, "cannot reach relay udp://203.0.113.1:3478: port unreachable");

        Plan plan = memory.plan(HOTEL, RELAYS);
        assertThat(plan.skips(UDP)).contains(new Silence("no response", START.plusSeconds(60)));
        assertThat(plan.reprobe()).isEmpty();
    }

    @Test
    void learnWhenASuspectIsSilentAgainWhileItsProbeRunsThenNoSecondProbe() {
        memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        List<Endpoint> again = memory.learn(HOTEL, List.of(relay(UDP, Outcome.SILENT), relay(TCP, Outcome.ANSWERED)));

        assertThat(again).isEmpty();
        assertThat(memory.plan(HOTEL, RELAYS).skipped()).as("only the probe confirms").isEmpty();
    }

    /** A gathering's silences confirmed by the probes it starts, as on a network that really drops them. */
    private void learnConfirmed(Set<String> network, List<Attempt> attempts) {
        for (Endpoint suspect : memory.learn(network, attempts)) {
            String reason = attempts.stream().filter(attempt -> attempt.endpoint().equals(suspect))
                    .map(Attempt::reason).findFirst().orElseThrow();
            memory.probed(network, suspect, Outcome.SILENT, reason);
        }
    }

    private static Attempt relay(Endpoint endpoint, Outcome outcome) {
        return new Attempt(endpoint, outcome, true, outcome == Outcome.SILENT ? "no response" : null);
    }

    private static Attempt stun(Endpoint endpoint, Outcome outcome) {
        return new Attempt(endpoint, outcome, false, outcome == Outcome.SILENT ? "no response" : null);
    }
}
