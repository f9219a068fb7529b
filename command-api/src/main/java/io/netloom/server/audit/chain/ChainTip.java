package io.netloom.server.audit.chain;

/** The last link of an account's chain, from which the next event is linked. */
public record ChainTip(long position, String hash) {

    /** The tip of an account with no link yet. */
    public static final ChainTip EMPTY = new ChainTip(0, ChainHash.GENESIS);

    /** The link of {@code event} appended after this tip. */
    public ChainTip next(StoredEvent event) {
        return new ChainTip(position + 1, ChainHash.of(hash, event));
    }
}
