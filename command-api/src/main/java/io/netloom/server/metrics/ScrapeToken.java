package io.netloom.server.metrics;

import io.netloom.server.config.NetloomProperties;
import io.netloom.server.security.SecretTokens;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bearer token that opens {@code /actuator/prometheus}: read from {@code netloom.metrics.token-file}, or created
 * there (mode 0600) at first start, as the data directory's other secrets. Only the file's name is ever logged.
 */
@Component
public class ScrapeToken {

    private static final Logger log = LoggerFactory.getLogger(ScrapeToken.class);

    private final byte[] token;

    public ScrapeToken(MetricsProperties metrics, NetloomProperties properties) throws IOException {
        Path file = (metrics.tokenFile() != null ? metrics.tokenFile()
                : properties.dataDir().resolve("keys").resolve("metrics-token")).toAbsolutePath();
        String value = PrivateFiles.readOrCreate(file, SecretTokens::newScrapeToken);
        if (value.isEmpty()) {
            throw new IllegalStateException("the metrics token file " + file + " is empty");
        }
        this.token = value.getBytes(StandardCharsets.UTF_8);
        log.info("Prometheus scrapes /actuator/prometheus with the bearer token in {}", file);
    }

    /** Compares in time independent of where the two differ, so the answer's timing tells nothing of the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
