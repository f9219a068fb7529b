package io.netloom.server.api.live;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs a publication once the unit of work that handles an event has committed and the directory has applied the
 * event: the directory applies its changes after commit, and the clean-up phase comes after every after-commit
 * handler, whatever order they were registered in. A rolled-back unit of work publishes nothing.
 */
final class Committed {

    private Committed() {
    }

    static void run(Runnable publication) {
        if (!CurrentUnitOfWork.isStarted()) {
            publication.run();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.onCleanup(unit -> {
            if (!unit.isRolledBack()) {
                publication.run();
            }
        });
    }
}
