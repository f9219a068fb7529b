package io.netloom.server.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as the fuzzer builds it: unlike a parser's tree it can hold what no parser would
 * produce — the same key twice in one object, and raw text standing for a value (a number of any
 * spelling, {@code NaN}, an unterminated string).
 */
sealed interface Json {

    /** The text of this value, strings escaped as JSON requires (raw values as they are). */
    void write(StringBuilder out);

    default String text() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    record Obj(List<Map.Entry<String, Json>> members) implements Json {
        @Override
        public void write(StringBuilder out) {
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Str.quote(members.get(i).getKey(), out);
                out.append(':');
                members.get(i).getValue().write(out);
            }
            out.append('}');
        }
    }

    record Arr(List<Json> elements) implements Json {
        @Override
        public void write(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                elements.get(i).write(out);
            }
            out.append(']');
        }
    }

    record Str(String value) implements Json {
        @Override
        public void write(StringBuilder out) {
            quote(value, out);
        }

        static void quote(String value, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /** Any value as raw text: numbers, literals, or something that is not JSON at all. */
    record Raw(String text) implements Json {
        @Override
        public void write(StringBuilder out) {
            out.append(text);
        }
    }

    static Obj object(Object... keysAndValues) {
        List<Map.Entry<String, Json>> members = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            members.add(Map.entry((String) keysAndValues[i], of(keysAndValues[i + 1])));
        }
        return new Obj(members);
    }

    static Arr array(Object... elements) {
        List<Json> values = new ArrayList<>();
        for (Object element : elements) {
            values.add(of(element));
        }
        return new Arr(values);
    }

    private static Json of(Object value) {
        if (value instanceof Json json) {
            return json;
        }
        if (value instanceof String text) {
            return new Str(text);
        }
        if (value instanceof List<?> list) {
            return array(list.toArray());
        }
        return new Raw(String.valueOf(value));
    }
}
