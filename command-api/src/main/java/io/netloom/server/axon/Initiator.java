package io.netloom.server.axon;

import org.axonframework.messaging.MetaData;

/**
 * Who issued a command, attached as metadata so every resulting event records it for the audit
 * history: a user id, a setup key id, or {@link #SYSTEM}; for a user acting through a personal
 * access token, the token too.
 *
 * @param token the personal access token's id, or null: the user alone stays under {@link #METADATA_KEY}, so the
 *              activity list (NetBird's {@code /api/events/audit}) keeps naming the user
 */
public record Initiator(String id, String token) {

    public static final String METADATA_KEY = "initiator";
    public static final String TOKEN_METADATA_KEY = "initiator_token";
    public static final Initiator SYSTEM = new Initiator("system");

    public Initiator(String id) {
        this(id, null);
    }

    public MetaData asMetaData() {
        MetaData initiator = MetaData.with(METADATA_KEY, id);
        return token == null ? initiator : initiator.and(TOKEN_METADATA_KEY, token);
    }
}
