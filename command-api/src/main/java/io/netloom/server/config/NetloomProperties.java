package io.netloom.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.*}.
 *
 * @param dataDir where the embedded database, keys and the first admin token live
 * @param publicUrl how peers and clients reach this server (issuer of JWTs, base of the gateway URL)
 * @param gatewayUrl the WebSocket URL peers sync with; derived from the host peers enrolled through when empty
 * @param gatewayPort the signal gateway's own port
 * @param stunUris STUN servers handed to peers at enrollment
 * @param turnUris TURN servers handed to peers, with time-limited credentials
 * @param turnSecret coturn's static-auth-secret; generated into the data directory when empty
 * @param turnCredentialTtl how long a TURN credential handed out at enrollment stays valid
 */
@ConfigurationProperties("netloom")
public record NetloomProperties(
        @DefaultValue("./netloom-data") Path dataDir,
        @DefaultValue("") String publicUrl,
        @DefaultValue("") String gatewayUrl,
        @DefaultValue("33080") int gatewayPort,
        @DefaultValue List<String> stunUris,
        @DefaultValue List<String> turnUris,
        @DefaultValue("") String turnSecret,
        @DefaultValue("24h") Duration turnCredentialTtl) {
}
