package io.netloom.daemon.ice;

/**
 * One candidate as carried in an offer or answer.
 *
 * @param type {@code host|srflx|prflx|relay}
 * @param ip IPv4 literal
 * @param port 1-65535
 * @param priority ICE priority, 1 to 2^32-1
 * @param foundation 1-32 ice-chars
 * @param relatedIp the base/mapped address for srflx/prflx/relay (informational), or {@code null}
 * @param relatedPort its port, 0 when {@code relatedIp} is {@code null}
 */
record IceCandidate(String type, String ip, int port, long priority, String foundation, String relatedIp,
        int relatedPort) {

    String endpoint() {
        return ip + ":" + port;
    }
}
