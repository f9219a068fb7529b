package io.netloom.daemon.ice;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code stun:}, {@code turn:} and {@code turns:} URIs (RFC 7064 / RFC 7065):
 * {@code scheme:host[:port][?transport=udp|tcp]}. Hosts are IPv4 literals, bracketed IPv6 literals or DNS names;
 * nothing is resolved here.
 */
final class IceUris {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * A parsed URI: lower-case scheme, host without brackets, port ({@code -1} when not given: the default depends
     * on the scheme), transport ({@code null} when not given).
     */
    record Parsed(String scheme, String host, int port, String transport) {

        boolean secure() {
            return scheme.endsWith("s");
        }

        int portOr(int defaultPort) {
            return port < 0 ? defaultPort : port;
        }
    }

    private IceUris() {
    }

    /**
     * @param secureAllowed whether the TLS form of the scheme ({@code turns:}) is accepted too
     */
    static Parsed parse(String uri, String expectedScheme, boolean secureAllowed) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("empty URI");
        }
        String text = uri.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(quote(uri) + " has no scheme (expected " + expectedScheme + ":host[:port])");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals(expectedScheme + "s") && !secureAllowed) {
            throw new IllegalArgumentException(quote(uri) + ": " + scheme + ": (TLS) is not supported, only UDP " + expectedScheme + ":");
        }
        if (!scheme.equals(expectedScheme) && !scheme.equals(expectedScheme + "s")) {
            throw new IllegalArgumentException(quote(uri) + " is not a " + expectedScheme + ": URI");
        }
        String rest = text.substring(colon + 1);
        if (rest.startsWith("//")) {
            throw new IllegalArgumentException(quote(uri) + ": " + expectedScheme + ": URIs have no '//' (write " + expectedScheme + ":host:port)");
        }
        String transport = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            String query = rest.substring(question + 1);
            rest = rest.substring(0, question);
            for (String parameter : query.split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                if (!name.equalsIgnoreCase("transport")) {
                    throw new IllegalArgumentException(quote(uri) + ": unknown parameter " + quote(name));
                }
                if (transport != null) {
                    throw new IllegalArgumentException(quote(uri) + ": transport given twice");
                }
                transport = value.toLowerCase(Locale.ROOT);
            }
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(quote(uri) + ": unterminated IPv6 literal");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException(quote(uri) + ": unexpected text after the IPv6 literal");
                }
                portText = after.substring(1);
            }
            if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException(quote(uri) + ": " + quote(host) + " is not an IPv6 literal");
            }
        } else {
            int portColon = rest.lastIndexOf(':');
            if (portColon >= 0) {
                if (rest.indexOf(':') != portColon) {
                    throw new IllegalArgumentException(quote(uri) + ": IPv6 literals must be in brackets");
                }
                host = rest.substring(0, portColon);
                portText = rest.substring(portColon + 1);
            } else {
                host = rest;
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException(quote(uri) + " has no host");
            }
            if (!(IpV4.isLiteral(host) || (DNS_NAME.matcher(host).matches() && !host.matches("[0-9.]+")))) {
                throw new IllegalArgumentException(quote(uri) + ": " + quote(host) + " is neither an IPv4 address nor a host name");
            }
        }
        int port = -1;
        if (portText != null) {
            if (!PORT.matcher(portText).matches()) {
                throw new IllegalArgumentException(quote(uri) + ": " + quote(portText) + " is not a port number");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(quote(uri) + ": port " + port + " is out of range 1-65535");
            }
        }
        return new Parsed(scheme, host, port, transport);
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), 120);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("…");
        }
        return out.append('"').toString();
    }

    static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
