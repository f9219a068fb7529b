package io.netloom.server.metrics;

import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token of the management port and the authority it grants: read from its file, or created there (mode
 * 0600) at first start, as the data directory's other secrets. Only the file's name is ever logged.
 */
public final class ManagementToken {

    private static final Logger log = LoggerFactory.getLogger(ManagementToken.class);

    private final byte[] token;
    private final String authority;

    private ManagementToken(byte[] token, String authority) {
        this.token = token;
        this.authority = authority;
    }

    /** @param opens what the token opens, for the log: "/actuator/prometheus", say */
    static ManagementToken readOrCreate(Path file, Supplier<String> newToken, String authority, String opens)
            throws IOException {
        Path absolute = file.toAbsolutePath();
        String value = PrivateFiles.readOrCreate(absolute, newToken);
        if (value.isEmpty()) {
            throw new IllegalStateException("the management token file " + absolute + " is empty");
        }
        log.info("{} takes the bearer token in {}", opens, absolute);
        return new ManagementToken(value.getBytes(StandardCharsets.UTF_8), authority);
    }

    /** Compares in time independent of where the two differ, so the answer's timing tells nothing of the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    String authority() {
        return authority;
    }
}
