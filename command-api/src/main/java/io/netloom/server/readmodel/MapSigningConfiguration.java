package io.netloom.server.readmodel;

import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every map and delta leaves the server signed by its account's key (ADR 0015). The keys derive
 * from one master secret kept in {@code <data-dir>/keys/map-signing-master.key} (mode 0600), created
 * at first start; it is never logged and never put in an event.
 */
@Configuration(proxyBeanMethods = false)
public class MapSigningConfiguration {

    @Bean
    MapSigningKeys mapSigningKeys(NetloomProperties properties) throws IOException {
        return loadOrCreate(properties.keysDirectory().resolve("map-signing-master.key"));
    }

    /** The keys of the master secret in {@code file}, which is created first if missing. */
    static MapSigningKeys loadOrCreate(Path file) throws IOException {
        String stored = PrivateFiles.readOrCreate(file, () -> {
            byte[] secret = new byte[MapSigningKeys.MASTER_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            return Base64.getEncoder().encodeToString(secret);
        });
        return new MapSigningKeys(Base64.getDecoder().decode(stored));
    }

    @Bean(destroyMethod = "close")
    SignedMaps signedMaps(NetworkMaps maps, MapSigningKeys keys) {
        return new SignedMaps(maps, keys);
    }
}
