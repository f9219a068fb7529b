package io.netloom.gateway.protocol;

import java.util.HexFormat;

/** Test vectors are written in hex, as the RFCs print them. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
