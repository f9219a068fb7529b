package io.netloom.ops.bench.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** Counts the elements (objects or values) of a top-level array of a JSON answer as it streams, never holding it. */
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
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
