package io.netloom.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys the authorization server signs JWTs with, kept in {@code <data-dir>/keys/jwt-signing-keys.json}
 * (mode 0600) so that a restart keeps them.
 *
 * <p>The newest key signs; once it is older than the rotation period a new key takes over. The key it
 * replaces gets an expiry ({@code exp} of the JWK) one token lifetime plus the tolerated clock skew
 * later: until then every token it signed may still be valid, so it stays published and accepted;
 * after that it is neither, and the next check deletes it.
 *
 * <p>Each key records when it was made ({@code iat} of the JWK). The single key of earlier versions
 * ({@code jwt-signing-key.json}) is taken over with the file's modification time as that moment.
 */
final class SigningKeyRing {

    static final String FILE = "jwt-signing-keys.json";
    static final String LEGACY_FILE = "jwt-signing-key.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

    private final Path file;
    private final Duration rotation;
    private final Duration retention;
    private final Clock clock;
    private volatile List<RSAKey> keys;
    /** The public halves of {@link #keys}: verifying with the private keys would convert them at every call. */
    private volatile List<RSAKey> publicKeys;

    private SigningKeyRing(Path file, Duration rotation, Duration retention, Clock clock, List<RSAKey> keys) {
        this.file = file;
        this.rotation = rotation;
        this.retention = retention;
        this.clock = clock;
        use(keys);
    }

    /**
     * @param rotation how long a key signs before the next one takes over
     * @param retention how long a replaced key stays valid: the longest token lifetime plus clock skew
     */
    static SigningKeyRing open(Path keysDirectory, Duration rotation, Duration retention, Clock clock)
            throws IOException {
        Files.createDirectories(keysDirectory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SigningKeyRing ring = new SigningKeyRing(keysDirectory.resolve(FILE), rotation, retention, clock,
                load(keysDirectory));
        if (!ring.rotateIfDue() && !Files.exists(ring.file)) {
            ring.save(ring.keys);
        }
        // Only once its key is in the new file: a crash before leaves the old file to be taken over again.
        Files.deleteIfExists(keysDirectory.resolve(LEGACY_FILE));
        return ring;
    }

    /**
     * Drops keys whose tokens have all expired and starts a new key when the signing one is due; true if anything
     * changed. Processes sharing the keys directory (a cluster, ADR 0058) take turns under a file lock and start from
     * what the file holds, so one rotates and the others take its key over at their next check.
     */
    synchronized boolean rotateIfDue() throws IOException {
        try (FileChannel channel = FileChannel.open(file.resolveSibling(FILE + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.exists(file)) {
                use(load(file.getParent()));
            }
            return rotateUnderLock();
        }
    }

    private boolean rotateUnderLock() throws IOException {
        Instant now = clock.instant();
        List<RSAKey> next = new ArrayList<>(keys.stream().filter(key -> isLive(key, now)).toList());
        boolean changed = next.size() != keys.size();
        RSAKey signing = next.isEmpty() ? null : next.get(next.size() - 1);
        if (signing == null || !now.isBefore(signing.getIssueTime().toInstant().plus(rotation))) {
            if (signing != null) {
                next.set(next.size() - 1, new RSAKey.Builder(signing)
                        .expirationTime(Date.from(now.plus(retention))).build());
            }
            RSAKey fresh = generate(now);
            next.add(fresh);
            changed = true;
            log.info("JWT signing key {} now signs new tokens{}", fresh.getKeyID(), signing == null ? ""
                    : "; the previous key " + signing.getKeyID() + " stays accepted until " + now.plus(retention));
        }
        if (changed) {
            save(next);
            use(next);
        }
        return changed;
    }

    private void use(List<RSAKey> ring) {
        keys = List.copyOf(ring);
        publicKeys = ring.stream().map(RSAKey::toPublicJWK).toList();
    }

    private void save(List<RSAKey> ring) throws IOException {
        PrivateFiles.write(file, new JWKSet(new ArrayList<JWK>(ring)).toString(false));
    }

    /** The one key new tokens are signed with. */
    JWKSource<SecurityContext> signingKey() {
        return (selector, context) -> selector.select(new JWKSet(keys.get(keys.size() - 1)));
    }

    /** Every key a valid token may still be signed with: published in the JWKS, accepted by the API. */
    JWKSource<SecurityContext> publishedKeys() {
        return (selector, context) -> {
            Instant now = clock.instant();
            return selector.select(new JWKSet(new ArrayList<JWK>(publicKeys.stream().filter(key -> isLive(key, now)).toList())));
        };
    }

    private static boolean isLive(RSAKey key, Instant now) {
        return key.getExpirationTime() == null || now.isBefore(key.getExpirationTime().toInstant());
    }

    private static RSAKey generate(Instant now) throws IOException {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now))
                    .generate();
        } catch (JOSEException e) {
            throw new IOException("cannot generate a JWT signing key: " + e.getMessage(), e);
        }
    }

    private static List<RSAKey> load(Path keysDirectory) throws IOException {
        Path file = keysDirectory.resolve(FILE);
        Path legacy = keysDirectory.resolve(LEGACY_FILE);
        try {
            if (Files.exists(file)) {
                List<RSAKey> keys = new ArrayList<>();
                for (JWK key : JWKSet.parse(PrivateFiles.read(file)).getKeys()) {
                    RSAKey rsa = key.toRSAKey();
                    if (!rsa.isPrivate() || rsa.getIssueTime() == null) {
                        throw new IOException("key " + rsa.getKeyID() + " in " + file + " lacks its private part or iat");
                    }
                    keys.add(rsa);
                }
                keys.sort(Comparator.comparing(RSAKey::getIssueTime));
                return keys;
            }
            if (Files.exists(legacy)) {
                RSAKey key = RSAKey.parse(PrivateFiles.read(legacy));
                Instant made = Files.getLastModifiedTime(legacy).toInstant();
                log.info("Taking over the JWT signing key {} of {} (made {})", key.getKeyID(), legacy, made);
                return List.of(new RSAKey.Builder(key).issueTime(Date.from(made)).build());
            }
            return List.of();
        } catch (ParseException e) {
            throw new IOException("cannot read the JWT signing keys in " + keysDirectory + ": " + e.getMessage(), e);
        }
    }
}
