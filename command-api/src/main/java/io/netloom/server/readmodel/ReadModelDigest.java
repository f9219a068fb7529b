package io.netloom.server.readmodel;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.networkmap.NetworkMaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SHA-256 digests of the in-memory read models: the directory's cross-account indexes, each account's records, and
 * each account's network maps. Two models that hold the same content have the same digests, whatever order they
 * applied commuting events in: every object's fields and every collection are sorted in the canonical form, because
 * a live model applies events in commit order (the directory) or with gaps filled late (the maps) while a replay
 * applies them in the store's order. Map serials are left out for the same reason: they count changes in the order a
 * model saw them (ADR 0053).
 *
 * <p>The records are read field by field, every field, so a field added later is compared without anyone
 * remembering to add it here; each account is read under its own monitor, as its handlers write it.
 */
public record ReadModelDigest(String indexes, SortedMap<String, String> accounts, SortedMap<String, String> maps) {

    private static final ObjectMapper FIELDS = fieldMapper();

    public ReadModelDigest {
        accounts = new TreeMap<>(accounts);
        maps = new TreeMap<>(maps);
    }

    public static ReadModelDigest of(Directory directory, NetworkMaps networkMaps) {
        SortedMap<String, String> accounts = new TreeMap<>();
        SortedMap<String, String> maps = new TreeMap<>();
        for (AccountId id : directory.accountIds()) {
            AccountRecords records = directory.account(id).orElseThrow();
            accounts.put(id.value(), sha256(FIELDS.valueToTree(records)));
            maps.put(id.value(), sha256(mapsOf(id, records, networkMaps)));
        }
        return new ReadModelDigest(sha256(FIELDS.valueToTree(directory)), accounts, maps);
    }

    /** One SHA-256 over every part, for comparing two models at a glance. */
    public String checksum() {
        StringBuilder parts = new StringBuilder(indexes);
        accounts.forEach((id, digest) -> parts.append('\n').append(id).append(' ').append(digest).append(' ')
                .append(maps.get(id)));
        return sha256(parts.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What differs from {@code other}, one line each; empty when both models hold the same. */
    public List<String> differencesFrom(ReadModelDigest other) {
        List<String> differences = new ArrayList<>();
        if (!indexes.equals(other.indexes)) {
            differences.add("the directory's cross-account indexes");
        }
        Set<String> ids = new TreeSet<>(accounts.keySet());
        ids.addAll(other.accounts.keySet());
        for (String id : ids) {
            if (!accounts.containsKey(id) || !other.accounts.containsKey(id)) {
                differences.add("account " + id + " exists in one model only");
                continue;
            }
            if (!accounts.get(id).equals(other.accounts.get(id))) {
                differences.add("account " + id + ": its records");
            }
            if (!maps.get(id).equals(other.maps.get(id))) {
                differences.add("account " + id + ": its network maps");
            }
        }
        return differences;
    }

    private static JsonNode mapsOf(AccountId id, AccountRecords records, NetworkMaps networkMaps) {
        ObjectNode maps = JsonNodeFactory.instance.objectNode();
        for (PeerView peer : records.peers()) {
            PeerId peerId = peer.id();
            ObjectNode entry = maps.putObject(peerId.value());
            entry.put("cut_off", networkMaps.isCutOff(id, peerId));
            entry.set("map", networkMaps.mapOf(id, peerId).<JsonNode>map(map -> FIELDS.valueToTree(map.withSerial(0)))
                    .orElse(JsonNodeFactory.instance.nullNode()));
        }
        return maps;
    }

    private static String sha256(JsonNode tree) {
        try {
            return sha256(FIELDS.writeValueAsBytes(canonical(tree)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot digest a read model", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 here", e);
        }
    }

    /** Fields sorted by name, array elements sorted by their own canonical text. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), canonical(field.getValue())));
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(canonical(element)));
            elements.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            elements.forEach(sorted::add);
            return sorted;
        }
        return node;
    }

    private static ObjectMapper fieldMapper() {
        SimpleModule locking = new SimpleModule();
        locking.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                    JsonSerializer<?> serializer) {
                return description.getBeanClass() == AccountRecords.class
                        ? new UnderMonitor(serializer) : serializer;
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(locking)
                .addMixIn(Directory.class, DirectoryIndexesOnly.class)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    /** Accounts are digested one by one; the directory's own digest covers what crosses accounts. */
    @JsonIgnoreProperties("accounts")
    private abstract static class DirectoryIndexesOnly {
    }

    /** Serializes an {@link AccountRecords} holding its monitor, which its event handlers hold while writing. */
    private static final class UnderMonitor extends JsonSerializer<Object> {

        private final JsonSerializer<Object> delegate;

        @SuppressWarnings("unchecked")
        UnderMonitor(JsonSerializer<?> delegate) {
            this.delegate = (JsonSerializer<Object>) delegate;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            synchronized (value) {
                delegate.serialize(value, generator, provider);
            }
        }
    }
}
