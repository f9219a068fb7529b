package io.netloom.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.jwt.*}.
 *
 * @param keyRotation how long a signing key signs new JWTs before a new one takes over (at least an hour)
 */
@ConfigurationProperties("netloom.jwt")
public record JwtProperties(@DefaultValue("30d") Duration keyRotation) {

    public JwtProperties {
        if (keyRotation.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("netloom.jwt.key-rotation must be at least 1h, was " + keyRotation);
        }
    }
}
