package io.netloom.daemon.ice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON payloads of the {@code offer}, {@code answer} and {@code close} signals.
 *
 * <pre>
 * {"v":2,"session":"3f9c…","upgrade":false,"ufrag":"…","pwd":"…",
 *  "candidates":[{"type":"host","ip":"198.18.240.1","port":40001,"priority":2130706431,"foundation":"1"},
 *                {"type":"relay","ip":"198.18.240.3","port":50000,"priority":16777215,"foundation":"3",
 *                 "raddr":"198.18.240.1","rport":40001}]}
 * {"v":2,"session":"3f9c…"}          (close; session optional)
 * </pre>
 *
 * Decoding is strict: wrong types, missing fields, bad credentials or session ids reject the whole message; a
 * candidate with a bad type, address (not an IPv4 literal, loopback, multicast, …), port, priority or foundation
 * is refused individually with its reason, and a description left without any candidate is rejected.
 */
final class SignalCodec {

    static final int VERSION = 2;
    static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    static final int MAX_CANDIDATES = 32;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(MAX_PAYLOAD_BYTES).maxNumberLength(20).build());
    }

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+");
    private static final Set<String> TYPES = Set.of("host", "srflx", "prflx", "relay");
    private static final Set<String> DESCRIPTION_FIELDS = Set.of("v", "session", "upgrade", "ufrag", "pwd", "candidates");
    private static final Set<String> CANDIDATE_FIELDS = Set.of("type", "ip", "port", "priority", "foundation", "raddr", "rport");

    private SignalCodec() {
    }

    static byte[] encodeDescription(IceDescription description) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("session", description.sessionId());
        root.put("upgrade", description.upgrade());
        root.put("ufrag", description.ufrag());
        root.put("pwd", description.password());
        ArrayNode candidates = root.putArray("candidates");
        for (IceCandidate candidate : description.candidates()) {
            ObjectNode node = candidates.addObject();
            node.put("type", candidate.type());
            node.put("ip", candidate.ip());
            node.put("port", candidate.port());
            node.put("priority", candidate.priority());
            node.put("foundation", candidate.foundation());
            if (candidate.relatedIp() != null) {
                node.put("raddr", candidate.relatedIp());
                node.put("rport", candidate.relatedPort());
            }
        }
        return bytes(root);
    }

    static byte[] encodeClose(String sessionId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        if (sessionId != null) {
            root.put("session", sessionId);
        }
        return bytes(root);
    }

    static IceDescription decodeDescription(byte[] payload) throws SignalFormatException {
        ObjectNode root = parseObject(payload);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DESCRIPTION_FIELDS.contains(name)) {
                throw new SignalFormatException("unknown field " + IceUris.quote(name));
            }
        }
        String session = requiredText(root, "session");
        if (!SESSION.matcher(session).matches()) {
            throw new SignalFormatException("session id " + IceUris.quote(session) + " is not 8-64 letters, digits, '-' or '_'");
        }
        boolean upgrade = false;
        JsonNode upgradeNode = root.get("upgrade");
        if (upgradeNode != null) {
            if (!upgradeNode.isBoolean()) {
                throw new SignalFormatException("\"upgrade\" must be true or false");
            }
            upgrade = upgradeNode.booleanValue();
        }
        String ufrag = requiredText(root, "ufrag");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !ICE_CHARS.matcher(ufrag).matches()) {
            throw new SignalFormatException("ufrag must be 4-256 characters of [A-Za-z0-9+/]");
        }
        String pwd = requiredText(root, "pwd");
        if (pwd.length() < 22 || pwd.length() > 256 || !ICE_CHARS.matcher(pwd).matches()) {
            throw new SignalFormatException("pwd must be 22-256 characters of [A-Za-z0-9+/]");
        }
        JsonNode candidatesNode = root.get("candidates");
        if (candidatesNode == null || !candidatesNode.isArray()) {
            throw new SignalFormatException("\"candidates\" must be an array");
        }
        if (candidatesNode.size() > MAX_CANDIDATES) {
            throw new SignalFormatException(candidatesNode.size() + " candidates, at most " + MAX_CANDIDATES + " allowed");
        }
        List<IceCandidate> candidates = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < candidatesNode.size(); i++) {
            try {
                IceCandidate candidate = candidate(candidatesNode.get(i));
                if (candidates.stream().anyMatch(c -> c.type().equals(candidate.type()) && c.endpoint().equals(candidate.endpoint()))) {
                    throw new SignalFormatException("duplicate of an earlier candidate");
                }
                candidates.add(candidate);
            } catch (SignalFormatException e) {
                rejected.add("candidate[" + i + "]: " + e.getMessage());
            }
        }
        if (candidates.isEmpty()) {
            throw new SignalFormatException(rejected.isEmpty() ? "no candidates"
                    : "no usable candidate (" + String.join("; ", rejected) + ")");
        }
        return new IceDescription(session, upgrade, ufrag, pwd, candidates, rejected);
    }

    /** The session a {@code close} names, or {@code null} when it names none. */
    static String decodeClose(byte[] payload) throws SignalFormatException {
        ObjectNode root = parseObject(payload);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("v") && !name.equals("session")) {
                throw new SignalFormatException("unknown field " + IceUris.quote(name));
            }
        }
        JsonNode session = root.get("session");
        if (session == null) {
            return null;
        }
        if (!session.isTextual() || !SESSION.matcher(session.textValue()).matches()) {
            throw new SignalFormatException("\"session\" is not a session id");
        }
        return session.textValue();
    }

    private static IceCandidate candidate(JsonNode node) throws SignalFormatException {
        if (node == null || !node.isObject()) {
            throw new SignalFormatException("not an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CANDIDATE_FIELDS.contains(name)) {
                throw new SignalFormatException("unknown field " + IceUris.quote(name));
            }
        }
        String type = requiredText(node, "type");
        if (!TYPES.contains(type)) {
            throw new SignalFormatException("type " + IceUris.quote(type) + " is not host, srflx, prflx or relay");
        }
        String ip = address(requiredText(node, "ip"), "ip");
        int port = port(node.get("port"), "port");
        JsonNode priorityNode = node.get("priority");
        if (priorityNode == null || !priorityNode.isIntegralNumber() || !priorityNode.canConvertToLong()
                || priorityNode.longValue() < 1 || priorityNode.longValue() > 0xFFFF_FFFFL) {
            throw new SignalFormatException("priority must be an integer from 1 to 4294967295");
        }
        String foundation = requiredText(node, "foundation");
        if (foundation.isEmpty() || foundation.length() > 32 || !ICE_CHARS.matcher(foundation).matches()) {
            throw new SignalFormatException("foundation must be 1-32 characters of [A-Za-z0-9+/]");
        }
        String relatedIp = null;
        int relatedPort = 0;
        JsonNode raddr = node.get("raddr");
        if (raddr != null) {
            if (type.equals("host")) {
                throw new SignalFormatException("a host candidate has no related address");
            }
            if (!raddr.isTextual()) {
                throw new SignalFormatException("raddr must be a string");
            }
            relatedIp = address(raddr.textValue(), "raddr");
            relatedPort = port(node.get("rport"), "rport");
        } else if (node.has("rport")) {
            throw new SignalFormatException("rport without raddr");
        }
        return new IceCandidate(type, ip, port, priorityNode.longValue(), foundation, relatedIp, relatedPort);
    }

    private static String address(String text, String field) throws SignalFormatException {
        byte[] octets = IpV4.parseOrNull(text);
        if (octets == null) {
            throw new SignalFormatException(field + " " + IceUris.quote(text)
                    + (text.contains(":") ? " is not supported (IPv4 only)" : " is not an IPv4 address"));
        }
        String reason = IpV4.unusableReason(octets);
        if (reason != null) {
            throw new SignalFormatException(field + " " + text + " " + reason);
        }
        return text;
    }

    private static int port(JsonNode node, String field) throws SignalFormatException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()
                || node.intValue() < 1 || node.intValue() > 65535) {
            throw new SignalFormatException(field + " must be an integer from 1 to 65535"
                    + (node == null ? "" : ", got " + IceUris.quote(node.toString())));
        }
        return node.intValue();
    }

    private static ObjectNode parseObject(byte[] payload) throws SignalFormatException {
        if (payload == null || payload.length == 0) {
            throw new SignalFormatException("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new SignalFormatException("payload of " + payload.length + " bytes, at most " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new SignalFormatException("not JSON: " + firstLine(detail));
        }
        if (root == null || !root.isObject()) {
            throw new SignalFormatException("not a JSON object");
        }
        JsonNode version = root.get("v");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new SignalFormatException("unsupported version " + (version == null ? "(missing)" : version.toString())
                    + ", expected " + VERSION);
        }
        return (ObjectNode) root;
    }

    private static String requiredText(JsonNode node, String field) throws SignalFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new SignalFormatException("\"" + field + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new SignalFormatException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
