package io.netloom.mapsigning;

import io.netloom.domain.ids.AccountId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Every account's Ed25519 map-signing key, derived from one server master secret:
 * seed = HKDF-SHA256(master secret, salt "netloom map signing key v1", info account id). Nothing per
 * account is stored, so nothing can drift from the store or miss a backup; a key is computed once
 * per account and process. The private halves never leave this class and its package.
 */
public final class MapSigningKeys {

    public static final int MASTER_SECRET_BYTES = 32;
    private static final byte[] SALT = "netloom map signing key v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] masterSecret;
    private final Map<AccountId, Ed25519PrivateKeyParameters> keys = new ConcurrentHashMap<>();

    public MapSigningKeys(byte[] masterSecret) {
        if (masterSecret.length < MASTER_SECRET_BYTES) {
            throw new IllegalArgumentException("the map-signing master secret needs at least " + MASTER_SECRET_BYTES
                    + " bytes");
        }
        this.masterSecret = masterSecret.clone();
    }

    /** The account's public key as enrollment hands it out: 32 bytes, base64. */
    public String publicKeyBase64(AccountId account) {
        return Base64.getEncoder().encodeToString(privateKey(account).generatePublicKey().getEncoded());
    }

    Ed25519PrivateKeyParameters privateKey(AccountId account) {
        return keys.computeIfAbsent(account, this::derive);
    }

    private Ed25519PrivateKeyParameters derive(AccountId account) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(masterSecret, SALT, account.value().getBytes(StandardCharsets.UTF_8)));
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        hkdf.generateBytes(seed, 0, seed.length);
        return new Ed25519PrivateKeyParameters(seed, 0);
    }

    @Override
    public String toString() {
        return "MapSigningKeys[" + keys.size() + " accounts]";
    }
}
