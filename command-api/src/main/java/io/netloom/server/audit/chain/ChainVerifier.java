package io.netloom.server.audit.chain;

import org.springframework.stereotype.Component;

/**
 * Recomputes an account's chain from the stored rows and compares it with the recorded links. Any
 * change to a row, a deleted row or link, or links reordered shows as the first break.
 */
@Component
public class ChainVerifier {

    private final ChainPages pages;

    public ChainVerifier(ChainPages pages) {
        this.pages = pages;
    }

    public ChainVerification verify(String account) {
        Walk walk = new Walk();
        pages.forEach(account, null, null, walk::check);
        return new ChainVerification(walk.firstBreak == null, walk.checked, walk.firstBreak);
    }

    /** The state carried from one link to the next. */
    private static final class Walk {

        private long checked;
        private long previousPosition;
        private String previousHash = ChainHash.GENESIS;
        private ChainVerification.Break firstBreak;

        void check(ChainLink link) {
            if (firstBreak != null) {
                return;
            }
            checked++;
            if (link.position() != previousPosition + 1) {
                fail(link, "a link is missing before this position", String.valueOf(previousPosition + 1),
                        String.valueOf(link.position()));
            } else if (!link.previousHash().equals(previousHash)) {
                fail(link, "the link does not continue the previous one", previousHash, link.previousHash());
            } else if (link.event() == null) {
                fail(link, "the event's row is missing from the store", link.hash(), "");
            } else {
                String recomputed = ChainHash.of(previousHash, link.event());
                if (!recomputed.equals(link.hash())) {
                    fail(link, "the stored event differs from the one that was linked", link.hash(), recomputed);
                }
            }
            previousPosition = link.position();
            previousHash = link.hash();
        }

        private void fail(ChainLink link, String reason, String expected, String found) {
            firstBreak = new ChainVerification.Break(link.position(), link.eventId(), reason, expected, found);
        }
    }
}
