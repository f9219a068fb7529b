package io.netloom.server.audit.chain;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account a stored event belongs to, which only its payload names (Axon's table is shared by all accounts). */
@Component
public class EventAccount {

    private final JsonMapper json;

    public EventAccount(JsonMapper json) {
        this.json = json;
    }

    /** Every Netloom event names its account; one that does not must not be stored unlinked. */
    public String of(StoredEvent event) {
        JsonNode account = json.readTree(event.payload()).get("accountId");
        if (account != null && account.isObject()) {
            account = account.get("value");
        }
        if (account == null || !account.isString() || account.asString().isBlank()) {
            throw new IllegalStateException("event " + event.payloadType() + " names no account");
        }
        return account.asString();
    }
}
