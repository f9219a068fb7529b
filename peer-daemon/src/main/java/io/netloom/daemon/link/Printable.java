package io.netloom.daemon.link;

/**
 * Quotes untrusted text for messages shown to users and written to logs, so that a hostile value
 * can neither forge extra log lines nor flood them.
 */
public final class Printable {

    private static final int MAX_LENGTH = 64;

    private Printable() {
    }

    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (Character.isISOControl(c) || c == '"' || c == '\\') {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        quoted.append('"');
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            quoted.append("...");
        }
        return quoted.toString();
    }
}
