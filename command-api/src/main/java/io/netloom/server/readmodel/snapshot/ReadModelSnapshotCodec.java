package io.netloom.server.readmodel.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.AccountRecordsData;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryIndexes;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.storage.GzipJson;
import io.netloom.server.storage.IsoInstants;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stored form of a read-model snapshot (ADR 0054): the directory and the network maps of every account, taken
 * at one position of the event store, as a common part (the directory's cross-account lookups) and one part per
 * account, each gzip-compressed JSON written by the event store's own Jackson 2 mapper, so that the parts can be
 * decoded on every core at start-up. An account's maps are stored as their inputs and every peer's serial; decoding
 * computes the maps again from the inputs. Pure: bytes in, new models out; where the bytes live is the caller's.
 */
public final class ReadModelSnapshotCodec {

    /**
     * The format {@link #encode} writes. Changes whenever the stored form changes; a format {@link #reads} does not
     * is passed over (the server replays the events instead).
     */
    public static final int FORMAT = 2;

    /**
     * The format before ADR 0065: records of one string written as objects ({@code {"value":"bench-peer-0-1"}}),
     * as in events. Still read, so that an upgraded server starts from the snapshot it finds rather than replaying
     * every event until its writer has taken one in the new format.
     */
    private static final int FORMAT_WITH_RECORD_OBJECTS = 1;

    /** A snapshot as stored: the common part and one part per account, in account-id order. */
    public record Encoded(byte[] common, List<byte[]> accounts) {

        public long size() {
            return common.length + accounts.stream().mapToLong(part -> part.length).sum();
        }
    }

    /** The read models a snapshot recreates. */
    public record ReadModels(Directory directory, NetworkMaps networkMaps) {
    }

    /** What belongs to no account: the directory's cross-account lookups. */
    record Common(int format, DirectoryIndexes indexes) {
    }

    /**
     * One account: its records, the inputs of its maps and every peer's serial in the order of {@code network}'s
     * peers. Either side may be missing: each projection creates an account on its own.
     */
    record AccountPart(AccountId id, AccountRecordsData records, AccountStateData network, long[] serials) {
    }

    /** A reader per format this codec reads; the one of {@link #FORMAT} also writes. */
    private final Map<Integer, GzipJson> formats;
    private final PartDecoders decoders;

    /** @param json the event store's mapper ({@code defaultAxonObjectMapper}), which reads every domain record */
    public ReadModelSnapshotCodec(ObjectMapper json) {
        this(json, new PartDecoders(Runtime.getRuntime().availableProcessors()));
    }

    ReadModelSnapshotCodec(ObjectMapper json, PartDecoders decoders) {
        this.decoders = decoders;
        ObjectMapper withRecordObjects = snapshotMapper(json);
        this.formats = Map.of(FORMAT_WITH_RECORD_OBJECTS, new GzipJson(withRecordObjects, "a read-model snapshot"),
                FORMAT, new GzipJson(withRecordObjects.copy().registerModule(SingleStringRecords.module()),
                        "a read-model snapshot"));
    }

    /** Whether a snapshot stored in {@code format} can be decoded. */
    public static boolean reads(int format) {
        return format == FORMAT || format == FORMAT_WITH_RECORD_OBJECTS;
    }

    private static ObjectMapper snapshotMapper(ObjectMapper json) {
        ObjectMapper snapshots = json.copy();
        // The directory's maps are keyed by ids, hundreds of thousands of distinct names: a parser that interned
        // every name into its symbol table spent a third of the decode looking them up there (ADR 0065).
        snapshots.getFactory().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
        // An absent field is read back as null: the many null event positions of the inputs cost nothing stored.
        return snapshots.setSerializationInclusion(JsonInclude.Include.NON_NULL).registerModule(IsoInstants.module());
    }

    /**
     * Both models as they stand. The caller makes sure no event is applied meanwhile and knows the position they
     * stand at (ADR 0054): each account is copied under its own lock, which alone would not make them one moment.
     */
    public Encoded encode(Directory directory, NetworkMaps networkMaps) {
        return encode(FORMAT, directory, networkMaps);
    }

    /** As {@link #encode(Directory, NetworkMaps)} in any format this codec reads: how a test gets an older one. */
    Encoded encode(int format, Directory directory, NetworkMaps networkMaps) {
        Set<AccountId> ids = new TreeSet<>(Comparator.comparing(AccountId::value));
        ids.addAll(directory.accountIds());
        ids.addAll(networkMaps.accountIds());
        GzipJson gzip = formats.get(format);
        List<byte[]> accounts = ids.stream().map(id -> gzip.write(part(id, directory, networkMaps))).toList();
        return new Encoded(gzip.write(new Common(format, directory.indexes())), accounts);
    }

    /** New models holding what was encoded in {@code format}; the accounts are decoded in parallel. */
    public ReadModels decode(int format, Encoded stored, boolean retainHistory) {
        ReadModels models = new ReadModels(new Directory(), new NetworkMaps(retainHistory));
        decodeInto(format, stored, models.directory(), models.networkMaps());
        return models;
    }

    /**
     * Fills empty models with what was encoded in {@code format}, every part (the common one too) decoded on its own
     * task of {@code decoders}, largest first (ADR 0064). Throws if the snapshot cannot be read (a format this codec
     * does not read, damaged bytes); the models may then hold part of it, and the caller clears them.
     */
    public void decodeInto(int format, Encoded stored, Directory directory, NetworkMaps networkMaps) {
        GzipJson gzip = formats.get(format);
        if (gzip == null) {
            throw new IllegalArgumentException("read-model snapshot format " + format + " is not read here");
        }
        PartDecoders.Decoded<Common, AccountRecords> decoded = decoders.decode(
                stored.common(), bytes -> gzip.read(bytes, Common.class),
                stored.accounts(), bytes -> restore(gzip.read(bytes, AccountPart.class), networkMaps));
        Common common = decoded.common();
        if (common.format() != format) {
            throw new IllegalArgumentException("read-model snapshot format " + common.format() + " stored as " + format);
        }
        directory.restore(common.indexes(), decoded.accounts().stream().filter(Objects::nonNull).toList());
    }

    /** One account part of the current format, read but not restored: what a decode spends on the JSON alone. */
    AccountPart readAccount(byte[] part) {
        return formats.get(FORMAT).read(part, AccountPart.class);
    }

    private static AccountPart part(AccountId id, Directory directory, NetworkMaps networkMaps) {
        AccountRecordsData records = directory.account(id).map(AccountRecordsData::of).orElse(null);
        return networkMaps.save(id, AccountState::new).map(saved -> {
            AccountStateData network = AccountStateData.of(saved.inputs());
            long[] serials = network.peers().stream().mapToLong(peer -> saved.serials().get(peer.node().id())).toArray();
            return new AccountPart(id, records, network, serials);
        }).orElseGet(() -> new AccountPart(id, records, null, null));
    }

    /** Restores the account's maps into {@code networkMaps} and returns its records (null when it had none). */
    private static AccountRecords restore(AccountPart part, NetworkMaps networkMaps) {
        AccountStateData network = part.network();
        if (network != null) {
            Map<PeerId, Long> serials = new LinkedHashMap<>();
            for (int i = 0; i < part.serials().length; i++) {
                serials.put(network.peers().get(i).node().id(), part.serials()[i]);
            }
            networkMaps.restore(part.id(), network.network(), network.dnsDomain(), network::applyTo, serials);
        }
        return part.records() == null ? null : part.records().toRecords();
    }
}
