package io.netloom.server.axon;

import io.netloom.server.metrics.CommandMeters;
import io.netloom.server.readmodel.ReadModelCatchUp;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Sends commands on behalf of an {@link Initiator} and waits for them: when a call returns, the events are stored
 * and this process's in-memory models — directory, peer feed, network maps — show them (ADR 0055: they are fed by
 * tracking processors, so the wait is for them to reach the store's head). Each command is timed here, by its
 * outcome ({@link CommandMeters}); the wait is not part of that time. A unit of work that met an aggregate another
 * process had changed runs again ({@link StaleAggregates}, ADR 0056).
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final TransactionManager transactionManager;
    private final CommandMeters meters;
    private final ReadModelCatchUp readModels;

    public Commands(CommandGateway gateway, TransactionManager transactionManager, CommandMeters meters,
            ReadModelCatchUp readModels) {
        this.gateway = gateway;
        this.transactionManager = transactionManager;
        this.meters = meters;
        this.readModels = readModels;
    }

    public void send(Object command, Initiator initiator) {
        dispatch(command, initiator);
        awaitReadModels();
    }

    /**
     * The same without waiting for the models: for writes nobody reads back at once and whose writer must not be held
     * up by a busy processor — a peer's presence, recorded on the gateway's one presence thread.
     */
    public void sendWithoutWaitingForReadModels(Object command, Initiator initiator) {
        dispatch(command, initiator);
    }

    private void dispatch(Object command, Initiator initiator) {
        long start = System.nanoTime();
        try {
            StaleAggregates.retried(() -> gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(initiator.asMetaData())));
        } catch (RuntimeException failure) {
            meters.threw(command.getClass(), start, failure);
            throw failure;
        }
        meters.succeeded(command.getClass(), start);
    }

    /**
     * Commands to several aggregates that must succeed or fail together (enrolling a peer uses its
     * setup key, creates the peer and adds it to groups): one unit of work, one transaction.
     */
    public void sendAtomically(List<?> commands, Initiator initiator) {
        sendAtomically(() -> commands, initiator);
    }

    /**
     * The same, with the commands built inside the transaction: building them may take values for it
     * (a free address, a free label) that stay taken exactly as long as the transaction lives.
     */
    public void sendAtomically(Supplier<List<?>> commandsBuiltInTransaction, Initiator initiator) {
        StaleAggregates.retried(() -> {
            sendAtomicallyOnce(commandsBuiltInTransaction, initiator);
            return null;
        });
    }

    private void sendAtomicallyOnce(Supplier<List<?>> commandsBuiltInTransaction, Initiator initiator) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            commandsBuiltInTransaction.get().forEach(command -> dispatch(command, initiator));
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        awaitReadModels();
    }

    /**
     * Inside a unit of work the events are not committed yet: whoever owns it waits, once it committed. Beyond the
     * patience the caller gets its acknowledgement anyway (the write is stored) and may read a moment-old model.
     */
    private void awaitReadModels() {
        if (!CurrentUnitOfWork.isStarted()) {
            readModels.awaitCommittedChanges();
        }
    }
}
