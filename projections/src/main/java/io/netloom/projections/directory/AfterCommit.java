package io.netloom.projections.directory;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Defers a read-model change until the unit of work that published the event has committed. A
 * nested unit of work hands its after-commit work to the root, so changes land in the order the
 * events were published. Outside a unit of work (replay at start-up) the change applies at once.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(Runnable change) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> change.run());
        } else {
            change.run();
        }
    }
}
