package io.netloom.daemon.state;

import io.netloom.gateway.protocol.X25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The device's WireGuard key pair. The private key is generated here, stored base64 with mode 0600
 * and never sent anywhere: enrollment and the gateway only ever see the public key and proofs made
 * with the private one. A key file others could read is refused rather than trusted.
 */
public final class PrivateKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PrivateKeyFile() {
    }

    public static X25519Keys loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        X25519Keys keys = X25519Keys.generate();
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(keys.privateKey()) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return keys;
    }

    public static X25519Keys load(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new KeyFileException("private key file " + file + " has mode "
                    + PosixFilePermissions.toString(permissions) + "; it must be readable only by its owner. "
                    + "Run: chmod 600 " + file);
        }
        byte[] privateKey;
        try {
            privateKey = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException notBase64) {
            throw new KeyFileException("private key file " + file + " does not hold a base64 key");
        }
        if (privateKey.length != 32) {
            throw new KeyFileException("private key file " + file + " does not hold a 32-byte WireGuard key");
        }
        return X25519Keys.fromPrivate(privateKey);
    }

    /** A key file that must not be used; the message says why and what to do. */
    public static final class KeyFileException extends IOException {
        public KeyFileException(String message) {
            super(message);
        }
    }
}
