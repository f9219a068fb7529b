package io.netloom.server.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of one event: SHA-256 over the previous link and a canonical encoding of the stored row.
 * Every field is length-prefixed (-1 for a null), so no two different rows encode alike and a SIEM
 * can recompute the chain from the export with a few lines of code (ADR 0034).
 */
public final class ChainHash {

    /** The "previous hash" of an account's first event. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String previousHash, StoredEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(previousHash));
            sha256.update(canonical(event));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java runtime has SHA-256", missing);
        }
    }

    static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(event.globalIndex());
            field(out, text(event.eventId()));
            field(out, text(event.aggregateType()));
            field(out, text(event.aggregateId()));
            out.writeLong(event.sequence());
            field(out, text(event.payloadType()));
            field(out, text(event.payloadRevision()));
            field(out, text(event.timestamp()));
            field(out, event.metadata());
            field(out, event.payload());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}
