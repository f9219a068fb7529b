package io.netloom.daemon.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ice4j.security.CredentialsAuthority;

/**
 * The long-term credential of RFC 8489 §9.2 as ice4j's MESSAGE-INTEGRITY encoder asks for it: the key
 * {@code MD5(username ":" realm ":" password)}, known once the relay has named its realm.
 */
final class LongTermCredential implements CredentialsAuthority {

    private final String username;
    private final String password;
    private volatile byte[] key;

    LongTermCredential(String username, String password) {
        this.username = username;
        this.password = password;
    }

    String username() {
        return username;
    }

    void useRealm(String realm) {
        try {
            key = MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no MD5", e);
        }
    }

    @Override
    public byte[] getRemoteKey(String user, String media) {
        return username.equals(user) ? key : null;
    }

    /** The client never answers requests, so it has no local (short-term) keys. */
    @Override
    public byte[] getLocalKey(String user) {
        return null;
    }

    @Override
    public boolean checkLocalUserName(String user) {
        return false;
    }
}
