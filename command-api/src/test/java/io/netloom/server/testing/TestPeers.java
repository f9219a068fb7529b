package io.netloom.server.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test data for devices: fresh WireGuard public keys, enrollment bodies, setup keys. */
public final class TestPeers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPeers() {
    }

    public static String newPublicKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static Map<String, Object> enrollment(String setupKey, String publicKey, String hostname) {
        return Map.of("setup_key", setupKey, "wireguard_public_key", publicKey, "hostname", hostname,
                "os", "linux", "kernel_version", "6.1.0", "daemon_version", "0.1.0");
    }

    public static Map<String, Object> reusableKey(String name, List<String> autoGroups) {
        return Map.of("name", name, "type", "reusable", "expires_in", 86400, "auto_groups", autoGroups,
                "usage_limit", 0);
    }

    /** Creates a reusable setup key through the API and returns the plain key. */
    public static String createReusableKey(NetloomApi.Client admin, List<String> autoGroups) {
        return admin.post("/api/setup-keys", reusableKey("test key", autoGroups)).text("key");
    }

    /** Enrolls a device with the given setup key and returns its peer id. */
    public static String enroll(NetloomApi.Client anyone, String setupKey, String hostname) {
        NetloomApi.Response response = anyone.post("/api/netloom/enroll", enrollment(setupKey, newPublicKey(), hostname));
        if (response.status() != 200) {
            throw new AssertionError("enrollment failed: " + response.status() + " " + response.rawBody());
        }
        return response.text("peer_id");
    }
}
