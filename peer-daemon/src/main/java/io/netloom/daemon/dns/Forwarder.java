package io.netloom.daemon.dns;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;

/** Asks upstream resolvers a question the peer's resolver does not answer itself. */
public interface Forwarder {

    /**
     * Asks {@code upstreams} in turn until one answers.
     *
     * @param tcp whether to ask over TCP (the client asked over TCP, usually after a truncated answer over UDP)
     * @return the first usable answer, with whatever id; completes exceptionally when none answered in time
     */
    CompletableFuture<Message> forward(Message query, Upstreams upstreams, boolean tcp);
}
