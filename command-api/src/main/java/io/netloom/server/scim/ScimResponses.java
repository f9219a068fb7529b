package io.netloom.server.scim;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Every SCIM answer is application/scim+json, whatever the client asked for, as RFC 7644 §3.1 wants. */
final class ScimResponses {

    private ScimResponses() {
    }

    static ResponseEntity<Object> ok(Object body) {
        return ResponseEntity.ok().contentType(ScimMedia.SCIM_JSON).body(body);
    }

    static ResponseEntity<Object> created(JsonNode resource) {
        return ResponseEntity.status(HttpStatus.CREATED).contentType(ScimMedia.SCIM_JSON)
                .location(URI.create(resource.get("meta").get("location").asString())).body(resource);
    }

    static ResponseEntity<Object> noContent() {
        return ResponseEntity.noContent().build();
    }
}
