package io.netloom.server.audit.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.projections.history.RoutedFlow;
import io.netloom.projections.networkmap.PeerNode;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a reachability answer as JSON, one flow at a time straight to the response: a whole account can hold
 * hundreds of thousands of flows, whose text must never sit in memory at once.
 */
@Component
public class ReachabilityWriter {

    private final JsonMapper json;

    public ReachabilityWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(Instant at, CitedEvent asOf, Reachability reachability, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("at", at.toString());
            generator.writePOJOProperty("as_of", asOf);
            generator.writeArrayPropertyStart("flows");
            for (AllowedFlow flow : reachability.flows()) {
                generator.writeStartObject();
                peer(generator, "source", reachability, flow.source());
                peer(generator, "destination", reachability, flow.destination());
                generator.writeStringProperty("protocol", flow.protocol());
                ports(generator, flow.ports());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeArrayPropertyStart("routes");
            for (RoutedFlow route : reachability.routes()) {
                generator.writeStartObject();
                peer(generator, "source", reachability, route.source());
                generator.writeStringProperty("network", route.network());
                peer(generator, "routing_peer", reachability, route.router());
                generator.writeStringProperty("protocol", route.protocol());
                ports(generator, route.ports());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** The peer as it was then: its DNS label and overlay address at that instant, not today's. */
    private static void peer(JsonGenerator generator, String name, Reachability reachability, PeerId id) {
        PeerNode node = reachability.snapshot().peers().get(id);
        generator.writeObjectPropertyStart(name);
        generator.writeStringProperty("id", id.value());
        generator.writeStringProperty("name", node.dnsLabel());
        generator.writeStringProperty("ip", node.overlayIp());
        generator.writeEndObject();
    }

    private static void ports(JsonGenerator generator, List<String> ports) {
        generator.writeArrayPropertyStart("ports");
        for (String port : ports) {
            generator.writeString(port);
        }
        generator.writeEndArray();
    }
}
