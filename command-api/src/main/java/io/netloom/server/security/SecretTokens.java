package io.netloom.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generates the secrets Netloom hands out once (personal access tokens, SCIM tokens, setup keys, the scrape
 * token) and the hashes it keeps instead. The secrets carry at least 190 bits of randomness, so a fast hash is enough:
 * there is nothing to brute-force, unlike a password.
 */
public final class SecretTokens {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String TOKEN_PREFIX = "nlp_";
    private static final String SCIM_TOKEN_PREFIX = "nls_";
    private static final String MANAGEMENT_TOKEN_PREFIX = "nlm_";
    private static final int TOKEN_LENGTH = 36;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** A personal access token, recognisable by its prefix (as NetBird's {@code nbp_}). */
    public static String newPersonalAccessToken() {
        return TOKEN_PREFIX + randomString(TOKEN_LENGTH);
    }

    /** A SCIM client's bearer token, told apart from a personal access token by its prefix (ADR 0026). */
    public static String newScimToken() {
        return SCIM_TOKEN_PREFIX + randomString(TOKEN_LENGTH);
    }

    /**
     * A token of the management port (Prometheus's scrape, ADR 0050; the operator's, ADR 0053), kept in a file of the
     * data directory.
     */
    public static String newManagementToken() {
        return MANAGEMENT_TOKEN_PREFIX + randomString(TOKEN_LENGTH);
    }

    /** A setup key in NetBird's shape: an upper-case UUID-like string of 122 random bits. */
    public static String newSetupKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().withUpperCase().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** What is shown instead of a setup key after creation: five characters and a mask, as NetBird does. */
    public static String mask(String setupKey) {
        return setupKey.substring(0, 5) + "****";
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String randomString(int length) {
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return builder.toString();
    }
}
