package io.netloom.ops.bench.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** Counts the elements of a top-level array of a JSON answer while streaming it, without holding the answer. */
final class FlowCounter {

    private static final JsonFactory JSON = new JsonFactory();

    private FlowCounter() {
    }

    static long count(InputStream body, String arrayName) throws IOException {
        long count = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()
                        && arrayName.equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Counts the plain values (strings, numbers) of a top-level array, as {@link #count} counts objects. */
    static long countValues(InputStream body, String arrayName) throws IOException {
        long count = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()
                        && arrayName.equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
