package io.netloom.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key the embedded authorization server signs JWTs with, kept in the data directory (mode 0600)
 * so that tokens issued before a restart stay valid after it.
 */
final class SigningKeys {

    private SigningKeys() {
    }

    static JWKSet loadOrCreate(NetloomProperties properties) throws IOException {
        Path file = properties.dataDir().resolve("keys").resolve("jwt-signing-key.json");
        try {
            if (Files.exists(file)) {
                return new JWKSet(RSAKey.parse(PrivateFiles.read(file)));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            PrivateFiles.write(file, key.toJSONString());
            return new JWKSet(key);
        } catch (ParseException | JOSEException e) {
            throw new IOException("cannot read or create the JWT signing key " + file + ": " + e.getMessage(), e);
        }
    }
}
