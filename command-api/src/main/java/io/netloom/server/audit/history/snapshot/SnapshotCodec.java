package io.netloom.server.audit.history.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A snapshot's stored form: {@link AccountStateData} as JSON, written by the event store's own Jackson 2 mapper
 * (which already reads and writes every domain record the state holds), gzip-compressed: an account's peers and
 * memberships repeat the same field names and event kinds thousands of times.
 */
@Component
public class SnapshotCodec {

    private final ObjectMapper json;

    public SnapshotCodec(@Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.json = json;
    }

    public byte[] encode(AccountState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new FastGzip(bytes)) {
            json.writeValue(out, AccountStateData.of(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a history snapshot", e);
        }
        return bytes.toByteArray();
    }

    public AccountStateData decode(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 64 * 1024)) {
            return json.readValue(in, AccountStateData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a history snapshot", e);
        }
    }

    /** gzip at its fastest level: compressing a 24,000-peer state at the default level takes seconds, not the ratio. */
    private static final class FastGzip extends GZIPOutputStream {

        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
