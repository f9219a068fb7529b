package io.netloom.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A valid body changed by a few mutations of its JSON and, sometimes, of its bytes. */
record FuzzInput(List<Mutation> mutations, ByteMutation bytes) {

    byte[] applyTo(Json validBody) {
        Json body = validBody;
        for (Mutation mutation : mutations) {
            body = mutation.applyTo(body);
        }
        return bytes.applyTo(body.text().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return mutations + (bytes.kind() == ByteMutation.Kind.NONE ? "" : " then " + bytes);
    }
}
