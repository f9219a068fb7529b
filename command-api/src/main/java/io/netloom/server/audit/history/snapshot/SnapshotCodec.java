package io.netloom.server.audit.history.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.history.StateBuckets;
import io.netloom.server.storage.GzipJson;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A snapshot's stored form (ADR 0035, decisions 4 and 10): {@link AccountStateData} split by {@link StateBuckets}
 * into a common part and {@value #BUCKETS} buckets of peers, each as JSON written by the event store's own Jackson 2
 * mapper (which already reads and writes every domain record the state holds), gzip-compressed ({@link GzipJson}).
 */
@Component
public class SnapshotCodec {

    /**
     * Buckets a snapshot's peers are written in: a 24,000-peer account gives about 375 peers (10 KB stored) each,
     * so two peers cost a small fraction of the whole; more would only add rows to a whole-state read.
     */
    static final int BUCKETS = 64;

    /** A snapshot as stored: the common part and each bucket, in bucket order. */
    public record Encoded(byte[] common, List<byte[]> buckets) {
    }

    private final GzipJson gzip;

    public SnapshotCodec(@Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.gzip = new GzipJson(json, "a history snapshot");
    }

    public Encoded encode(AccountState state) {
        StateBuckets.Parts parts = StateBuckets.split(AccountStateData.of(state), BUCKETS);
        return new Encoded(write(parts.common()), parts.buckets().stream().map(this::write).toList());
    }

    /**
     * The whole state from every part. The parts are decoded in parallel: split, a 24,000-peer state is no cheaper to
     * decode than whole, and a whole-state question (reachability) must not pay for the layout that serves pairs.
     */
    public AccountStateData decode(Encoded stored) {
        return StateBuckets.join(decodeCommon(stored.common()),
                stored.buckets().parallelStream().map(this::decodeBucket).toList());
    }

    public AccountStateData decodeCommon(byte[] stored) {
        return read(stored, AccountStateData.class);
    }

    public StateBuckets.Bucket decodeBucket(byte[] stored) {
        return read(stored, StateBuckets.Bucket.class);
    }

    private byte[] write(Object part) {
        return gzip.write(part);
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        return gzip.read(bytes, type);
    }
}
