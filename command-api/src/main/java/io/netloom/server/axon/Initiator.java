package io.netloom.server.axon;

import org.axonframework.messaging.MetaData;

/**
 * Who issued a command, attached as metadata so every resulting event records it for the audit
 * history: a user id, a setup key id, or {@link #SYSTEM}.
 */
public record Initiator(String id) {

    public static final String METADATA_KEY = "initiator";
    public static final Initiator SYSTEM = new Initiator("system");

    public MetaData asMetaData() {
        return MetaData.with(METADATA_KEY, id);
    }
}
