package io.netloom.daemon.ice;

/** A TURN URI as configured (e.g. {@code turn:203.0.113.1:3478?transport=udp}) with its credential, before parsing. */
public record TurnUri(String uri, String username, String password) {

    @Override
    public String toString() {
        return "TurnUri[" + uri + ", username=" + username + ", password=***]";
    }
}
