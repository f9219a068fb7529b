package io.netloom.server.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * JSON compressed with gzip, the stored form of snapshots (history snapshots, ADR 0035; read-model snapshots,
 * ADR 0054): their records repeat the same field names thousands of times.
 */
public final class GzipJson {

    private final ObjectMapper json;
    /** What is stored, for error messages: "a history snapshot". */
    private final String what;

    public GzipJson(ObjectMapper json, String what) {
        this.json = json;
        this.what = what;
    }

    public byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new FastGzip(bytes)) {
            json.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what, e);
        }
        return bytes.toByteArray();
    }

    public <T> T read(byte[] stored, Class<T> type) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 16 * 1024)) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + what, e);
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
