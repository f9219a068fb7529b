package io.netloom.server.api;

/**
 * Waits until this process's read models show every change committed to the event store before the call, by any
 * server process. {@link AccountLocks} calls it once it holds an account's lock, so that a rule checked against
 * the read model sees the change the previous holder committed, perhaps on another process (ADR 0056). Without a
 * bean of this type the read models are taken as current, which holds for one process on its own: the directory
 * is updated before a command's caller continues.
 */
@FunctionalInterface
public interface ReadModelCatchUp {

    ReadModelCatchUp NOT_NEEDED = () -> { };

    void awaitCommittedChanges();
}
