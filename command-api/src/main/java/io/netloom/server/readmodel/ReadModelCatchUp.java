package io.netloom.server.readmodel;

/**
 * Waits until this process's read models show every change committed to the event store before the call, by any
 * server process. {@code Commands} calls it after a command's commit; {@code AccountLocks} calls it once it holds an account's lock, so that a rule checked against
 * the read model sees the change the previous holder committed, perhaps on another process (ADR 0056), and once its
 * step committed, so that the step's caller reads its own change. The read models tail the store (ADR 0055); the
 * bean is {@code ReadModelConfiguration}'s. Without one (a test of the lock alone) the models are taken as current.
 */
@FunctionalInterface
public interface ReadModelCatchUp {

    ReadModelCatchUp NOT_NEEDED = () -> { };

    void awaitCommittedChanges();
}
