package io.netloom.daemon.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.Request;
import org.ice4j.message.Response;

/**
 * STUN transactions with one relay: sends a request (retransmitting over UDP), matches the answer by transaction
 * id, and authenticates with the long-term credential, answering the relay's 401 challenge and a 438 stale nonce
 * with the new nonce (RFC 8656 §7.3, RFC 8489 §9.2.4).
 */
final class TurnRequests {

    /** A 401 or 438 is answered with one new attempt each time; more in a row means the relay keeps refusing. */
    private static final int MAX_CHALLENGES = 3;
    private static final int UNAUTHORIZED = 401;
    private static final int STALE_NONCE = 438;

    private final SecureRandom random = new SecureRandom();
    private final Map<ByteBuffer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final TurnConnection connection;
    private final TurnCodec codec;
    private final LongTermCredential credential;
    private final boolean reliable;
    private final TurnTimings timings;
    private final String relay;
    private volatile Challenge challenge;
    private volatile TurnException failure;

    TurnRequests(TurnConnection connection, TurnCodec codec, LongTermCredential credential, boolean reliable,
            TurnTimings timings, String relay) {
        this.connection = connection;
        this.codec = codec;
        this.credential = credential;
        this.reliable = reliable;
        this.timings = timings;
        this.relay = relay;
    }

    /**
     * Sends the request {@code build} makes from a transaction id (a fresh one per attempt: each gets its own id,
     * which XOR-PEER-ADDRESS depends on, and the current nonce) and returns the relay's success answer; an error
     * answer or silence is a {@link TurnException}.
     */
    Response send(Function<byte[], Request> build, String what) throws TurnException {
        return send(build, what, timings.requestTimeout());
    }

    Response send(Function<byte[], Request> build, String what, Duration timeout) throws TurnException {
        for (int attempt = 0; ; attempt++) {
            byte[] transactionId = new byte[12];
            random.nextBytes(transactionId);
            Response response = transact(build.apply(transactionId), transactionId, what, timeout);
            if (response.isSuccessResponse()) {
                return response;
            }
            int code = errorCode(response);
            boolean challenged = code == UNAUTHORIZED || code == STALE_NONCE;
            // A 401 to a request that already carried this nonce means the credential itself is refused.
            boolean fresh = code == STALE_NONCE || challenge == null || !sameNonce(response);
            if (challenged && fresh && attempt < MAX_CHALLENGES && takeChallenge(response)) {
                continue;
            }
            throw refusal(response, code, what);
        }
    }

    /** Hands an answer from the relay to the request waiting for it; false when none is (late or unknown). */
    boolean complete(Response response) {
        CompletableFuture<Response> waiting = pending.remove(ByteBuffer.wrap(response.getTransactionID()));
        return waiting != null && waiting.complete(response);
    }

    /** Fails every waiting request at once (the connection is gone) and every later one. */
    void failAll(TurnException cause) {
        failure = cause;
        pending.values().forEach(waiting -> waiting.completeExceptionally(cause));
        pending.clear();
    }

    private Response transact(Request request, byte[] transactionId, String what, Duration timeout)
            throws TurnException {
        try {
            request.setTransactionID(transactionId);
        } catch (StunException e) {
            throw new IllegalStateException("a 12-byte transaction id was refused", e);
        }
        if (challenge != null) {
            codec.authenticate(request, challenge);
        }
        byte[] frame = codec.encode(request);
        ByteBuffer key = ByteBuffer.wrap(transactionId);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        pending.put(key, answer);
        try {
            if (failure != null) {
                throw failure;
            }
            return await(frame, answer, what, timeout);
        } finally {
            pending.remove(key);
        }
    }

    private Response await(byte[] frame, CompletableFuture<Response> answer, String what, Duration timeout)
            throws TurnException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = reliable ? timeout.toNanos() : timings.firstRetransmit().toNanos();
        try {
            while (true) {
                connection.send(frame);
                long left = deadline - System.nanoTime();
                try {
                    return answer.get(Math.max(1, Math.min(wait, left)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (deadline - System.nanoTime() <= 0) {
                        throw new TurnException(TurnError.TIMEOUT, "relay " + relay + " did not answer " + what
                                + " within " + timeout.toMillis() + " ms");
                    }
                    wait *= 2;
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TurnException turn ? turn
                    : new TurnException(TurnError.CONNECTION_LOST, what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnException(TurnError.CLOSED, what + " was interrupted");
        } catch (TurnException e) {
            throw e;
        } catch (IOException e) {
            // The connection was closed because the allocation failed (a frame the relay sent could not be read,
            // say), possibly after this request went out: that failure, not the closed connection, is the news.
            TurnException ended = failure;
            throw ended != null ? ended : new TurnException(TurnError.CONNECTION_LOST, "cannot send " + what
                    + " to relay " + relay + ": " + e.getMessage(), e);
        }
    }

    private boolean takeChallenge(Response response) {
        RealmAttribute realm = (RealmAttribute) response.getAttribute(Attribute.REALM);
        NonceAttribute nonce = (NonceAttribute) response.getAttribute(Attribute.NONCE);
        if (nonce == null || (realm == null && challenge == null)) {
            return false;
        }
        byte[] realmBytes = realm != null ? realm.getRealm() : challenge.realm();
        credential.useRealm(new String(realmBytes, StandardCharsets.UTF_8));
        challenge = new Challenge(realmBytes, nonce.getNonce());
        return true;
    }

    private boolean sameNonce(Response response) {
        NonceAttribute nonce = (NonceAttribute) response.getAttribute(Attribute.NONCE);
        return nonce != null && Arrays.equals(nonce.getNonce(), challenge.nonce());
    }

    private static int errorCode(Response response) {
        ErrorCodeAttribute error = (ErrorCodeAttribute) response.getAttribute(Attribute.ERROR_CODE);
        return error == null ? 0 : error.getErrorCode();
    }

    private TurnException refusal(Response response, int code, String what) {
        ErrorCodeAttribute error = (ErrorCodeAttribute) response.getAttribute(Attribute.ERROR_CODE);
        String reason = error == null || error.getReasonPhrase() == null ? "" : " " + error.getReasonPhrase();
        TurnError kind = switch (code) {
            case UNAUTHORIZED -> TurnError.UNAUTHORIZED;
            case 486 -> TurnError.QUOTA;
            default -> TurnError.REFUSED;
        };
        return new TurnException(kind, code, "relay " + relay + " refused " + what + ": " + code + reason, null);
    }
}
