package io.netloom.projections.directory;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Defers read-model changes until the root unit of work that handles their events has committed,
 * then applies them in event order. (Axon runs after-commit callbacks in reverse order of
 * registration, so each change cannot simply register its own.) Outside a unit of work, during the
 * replay at start-up, a change applies at once. A rolled-back unit of work discards its changes.
 */
final class AfterCommit {

    private static final String PENDING_CHANGES = AfterCommit.class.getName() + ".pending";

    private AfterCommit() {
    }

    static void run(Runnable change) {
        if (!CurrentUnitOfWork.isStarted()) {
            change.run();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Runnable> pending = root.getOrComputeResource(PENDING_CHANGES, key -> {
            List<Runnable> changes = new ArrayList<>();
            root.afterCommit(committed -> changes.forEach(Runnable::run));
            return changes;
        });
        pending.add(change);
    }
}
