package io.netloom.daemon.ice;

import java.util.List;

/**
 * An offer or answer: ICE credentials and all gathered candidates (vanilla ICE).
 *
 * @param sessionId chosen by the offerer; the answer repeats it so stale answers are recognised
 * @param upgrade {@code true} for a controlling side's attempt to replace a RELAYED path: both sides switch to
 *     the result only when it is P2P (such negotiations carry no relay candidates)
 * @param rejected for a decoded description: why individual candidates were refused (empty when all were fine)
 */
record IceDescription(String sessionId, boolean upgrade, String ufrag, String password, List<IceCandidate> candidates,
        List<String> rejected) {

    IceDescription {
        candidates = List.copyOf(candidates);
        rejected = List.copyOf(rejected);
    }
}
