package io.netloom.server.metrics;

import io.netloom.server.config.NetloomProperties;
import io.netloom.server.security.SecretTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The management port's two bearer tokens, each in a file of its own so that each can be handed to only who needs
 * it: Prometheus's scrape token opens {@code /actuator/prometheus} (ADR 0050); the operator's token opens
 * {@code /actuator/readmodels}, which replays the whole store of every account (ADR 0053).
 */
@Component
public class ManagementTokens {

    static final String SCRAPE_AUTHORITY = "metrics:scrape";
    static final String OPERATOR_AUTHORITY = "management:operator";

    private final List<ManagementToken> tokens;

    public ManagementTokens(MetricsProperties metrics, NetloomProperties properties) throws IOException {
        Path keys = properties.keysDirectory();
        this.tokens = List.of(
                ManagementToken.readOrCreate(metrics.tokenFile() != null ? metrics.tokenFile()
                        : keys.resolve("metrics-token"), SecretTokens::newManagementToken, SCRAPE_AUTHORITY,
                        "/actuator/prometheus"),
                ManagementToken.readOrCreate(metrics.operatorTokenFile() != null ? metrics.operatorTokenFile()
                        : keys.resolve("operator-token"), SecretTokens::newManagementToken, OPERATOR_AUTHORITY,
                        "/actuator/readmodels"));
    }

    /** The authority the presented token grants, if it is one of them. */
    Optional<String> authorityOf(String presented) {
        return tokens.stream().filter(token -> token.matches(presented)).map(ManagementToken::authority).findFirst();
    }
}
