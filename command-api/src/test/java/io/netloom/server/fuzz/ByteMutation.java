package io.netloom.server.fuzz;

import java.util.Arrays;
import java.util.HexFormat;

/** A change to the encoded body: cut short, or bytes put in or over it at a position. */
record ByteMutation(Kind kind, int position, byte[] bytes) {

    static final ByteMutation NONE = new ByteMutation(Kind.NONE, 0, new byte[0]);

    enum Kind { NONE, TRUNCATE, INSERT, OVERWRITE }

    byte[] applyTo(byte[] body) {
        int at = body.length == 0 ? 0 : Math.floorMod(position, body.length + 1);
        return switch (kind) {
            case NONE -> body;
            case TRUNCATE -> Arrays.copyOf(body, at);
            case INSERT -> {
                byte[] result = new byte[body.length + bytes.length];
                System.arraycopy(body, 0, result, 0, at);
                System.arraycopy(bytes, 0, result, at, bytes.length);
                System.arraycopy(body, at, result, at + bytes.length, body.length - at);
                yield result;
            }
            case OVERWRITE -> {
                byte[] result = body.clone();
                for (int i = 0; i < bytes.length && at + i < result.length; i++) {
                    result[at + i] = bytes[i];
                }
                yield result;
            }
        };
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "" : kind + "@" + position + " " + HexFormat.of().formatHex(bytes);
    }
}
