package io.netloom.domain.common;

/** Strict dotted-quad parsing: exactly four decimal octets, so "1.2.3" or "01.2.3.4" never slip through. */
public final class Ipv4Address {

    private Ipv4Address() {
    }

    /** Returns the address as an unsigned 32-bit number. */
    public static long parse(String dotted, String what) {
        String[] octets = Required.present(dotted, what).split("\\.", -1);
        if (octets.length != 4) {
            throw malformed(what);
        }
        long address = 0;
        for (String octet : octets) {
            address = (address << 8) | parseOctet(octet, what);
        }
        return address;
    }

    public static String requireValid(String dotted, String what) {
        parse(dotted, what);
        return dotted;
    }

    public static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /**
     * Parses a plain decimal of at most {@code maxDigits} digits, or returns -1. Signs, spaces and leading
     * zeros are refused: some parsers read a leading zero as octal, so "010" would mean different things.
     */
    static int parseDecimal(String text, int maxDigits) {
        boolean digitsOnly = !text.isEmpty() && text.length() <= maxDigits
                && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    private static int parseOctet(String octet, String what) {
        int value = parseDecimal(octet, 3);
        if (value < 0 || value > 255) {
            throw malformed(what);
        }
        return value;
    }

    private static CommandRejectedException malformed(String what) {
        return CommandRejectedException.invalid(what + " must be an IPv4 address in dotted-quad form");
    }
}
