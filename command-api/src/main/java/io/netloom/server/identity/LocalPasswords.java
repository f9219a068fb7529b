package io.netloom.server.identity;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.LocalCredential;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The embedded user store's passwords: Argon2id (Bouncy Castle) with Spring Security's current
 * parameters, one hash per password, only the hash ever stored. An unknown email costs the same
 * hashing as a known one, so the time of an answer does not tell who has an account.
 */
@Component
public class LocalPasswords {

    /** Longer input is refused before hashing: it only costs the server time. */
    static final int MAX_PASSWORD_LENGTH = 256;

    private static final String INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int INITIAL_PASSWORD_LENGTH = 20;

    private final SecureRandom random = new SecureRandom();
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String decoy = encoder.encode("a password nobody has");
    private final Directory directory;
    private final IdentityProperties identity;

    public LocalPasswords(Directory directory, IdentityProperties identity) {
        this.directory = directory;
        this.identity = identity;
    }

    /** The credential of whoever signs in with this email and password, if both match. */
    public Optional<LocalCredential> verify(String email, String password) {
        Optional<LocalCredential> credential = directory.localCredential(email);
        if (password == null || password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        boolean matches = encoder.matches(password, credential.map(LocalCredential::passwordHash).orElse(decoy));
        return matches ? credential : Optional.empty();
    }

    /**
     * A password an administrator hands to a new person, to be replaced at the first sign-in: 20
     * characters of an alphabet without look-alikes, about 100 bits.
     */
    public String newInitialPassword() {
        StringBuilder password = new StringBuilder(INITIAL_PASSWORD_LENGTH);
        for (int i = 0; i < INITIAL_PASSWORD_LENGTH; i++) {
            password.append(INITIAL_PASSWORD_ALPHABET.charAt(random.nextInt(INITIAL_PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    /** The hash of a new password, after checking it is acceptable. */
    public String hashNew(String password) {
        if (password == null || password.length() < identity.minPasswordLength()) {
            throw CommandRejectedException.invalid("password must be at least " + identity.minPasswordLength()
                    + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw CommandRejectedException.invalid("password must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (password.isBlank()) {
            throw CommandRejectedException.invalid("password must not be blank");
        }
        return encoder.encode(password);
    }
}
