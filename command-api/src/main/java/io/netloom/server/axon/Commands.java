package io.netloom.server.axon;

import io.netloom.server.metrics.CommandMeters;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Sends commands on behalf of an {@link Initiator} and waits for them: when a call returns, the
 * events are stored and the read model shows them. Each command is timed here, by its outcome ({@link CommandMeters}).
 * A unit of work that met an aggregate another process had changed runs again ({@link StaleAggregates}).
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final TransactionManager transactionManager;
    private final CommandMeters meters;

    public Commands(CommandGateway gateway, TransactionManager transactionManager, CommandMeters meters) {
        this.gateway = gateway;
        this.transactionManager = transactionManager;
        this.meters = meters;
    }

    public void send(Object command, Initiator initiator) {
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
            commandsBuiltInTransaction.get().forEach(command -> send(command, initiator));
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
    }
}
