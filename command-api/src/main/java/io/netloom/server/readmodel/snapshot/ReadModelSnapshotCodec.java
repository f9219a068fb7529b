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

    /** Changes whenever a stored snapshot could no longer be read as it was meant; an older one is not used. */
    public static final int FORMAT = 1;

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

    private final GzipJson gzip;
    private final PartDecoders decoders;

    /** @param json the event store's mapper ({@code defaultAxonObjectMapper}), which reads every domain record */
    public ReadModelSnapshotCodec(ObjectMapper json) {
        this(json, new PartDecoders(Runtime.getRuntime().availableProcessors()));
    }

    ReadModelSnapshotCodec(ObjectMapper json, PartDecoders decoders) {
        this.decoders = decoders;
        ObjectMapper snapshots = json.copy();
        // The directory's maps are keyed by ids, hundreds of thousands of distinct names: a parser that interned
        // every name into its symbol table spent a third of the decode looking them up there (ADR 0065).
        snapshots.getFactory().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
        // An absent field is read back as null: the many null event positions of the inputs cost nothing stored.
        this.gzip = new GzipJson(snapshots.setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .registerModule(IsoInstants.module()), "a read-model snapshot");
    }

    /**
     * Both models as they stand. The caller makes sure no event is applied meanwhile and knows the position they
     * stand at (ADR 0054): each account is copied under its own lock, which alone would not make them one moment.
     */
    public Encoded encode(Directory directory, NetworkMaps networkMaps) {
        Set<AccountId> ids = new TreeSet<>(Comparator.comparing(AccountId::value));
        ids.addAll(directory.accountIds());
        ids.addAll(networkMaps.accountIds());
        List<byte[]> accounts = ids.stream().map(id -> gzip.write(part(id, directory, networkMaps))).toList();
        return new Encoded(gzip.write(new Common(FORMAT, directory.indexes())), accounts);
    }

    /** New models holding what was encoded; the accounts are decoded in parallel. */
    public ReadModels decode(Encoded stored, boolean retainHistory) {
        ReadModels models = new ReadModels(new Directory(), new NetworkMaps(retainHistory));
        decodeInto(stored, models.directory(), models.networkMaps());
        return models;
    }

    /**
     * Fills empty models with what was encoded, every part (the common one too) decoded on its own task of
     * {@code decoders}, largest first (ADR 0064). Throws if the snapshot cannot be read (another format, damaged
     * bytes); the models may then hold part of it, and the caller clears them.
     */
    public void decodeInto(Encoded stored, Directory directory, NetworkMaps networkMaps) {
        PartDecoders.Decoded<Common, AccountRecords> decoded = decoders.decode(
                stored.common(), bytes -> gzip.read(bytes, Common.class),
                stored.accounts(), bytes -> restore(gzip.read(bytes, AccountPart.class), networkMaps));
        Common common = decoded.common();
        if (common.format() != FORMAT) {
            throw new IllegalArgumentException("read-model snapshot format " + common.format() + ", expected " + FORMAT);
        }
        directory.restore(common.indexes(), decoded.accounts().stream().filter(Objects::nonNull).toList());
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
