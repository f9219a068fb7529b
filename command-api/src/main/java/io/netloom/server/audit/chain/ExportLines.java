package io.netloom.server.audit.chain;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a link as one JSON line of the export: the stored event, who caused it, and its chain hashes. */
@Component
public class ExportLines {

    private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;

    public ExportLines(JsonMapper json) {
        this.json = json;
    }

    public void write(ChainLink link, OutputStream out) {
        ObjectNode line = json.createObjectNode();
        line.put("position", link.position());
        line.put("event_id", link.eventId());
        line.put("time", link.occurredAt().toString());
        StoredEvent event = link.event();
        if (event != null) {
            JsonNode metadata = event.metadata() == null ? json.createObjectNode() : json.readTree(event.metadata());
            line.put("global_index", event.globalIndex());
            line.put("type", event.payloadType());
            line.put("revision", event.payloadRevision());
            line.put("aggregate_type", event.aggregateType());
            line.put("aggregate_id", event.aggregateId());
            line.put("sequence", event.sequence());
            line.put("stored_timestamp", event.timestamp());
            JsonNode initiator = metadata.get("initiator");
            line.put("actor", initiator == null ? "system" : initiator.asString());
            line.set("metadata", metadata);
            line.set("payload", json.readTree(event.payload()));
        }
        line.put("previous_hash", link.previousHash());
        line.put("hash", link.hash());
        try {
            out.write(json.writeValueAsBytes(line));
            out.write(NEWLINE);
        } catch (IOException clientGone) {
            throw new UncheckedIOException(clientGone);
        }
    }
}
