package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.server.claims.ClaimCandidates;
import io.netloom.server.claims.ClaimKind;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Chooses overlay addresses and DNS labels that are unique within an account. Choices are made
 * inside the transaction that will claim them (ADR 0011): the read model skips what is known to be
 * taken, {@link ClaimCandidates} skips what a concurrent transaction is taking, and the claims
 * table's constraints settle anything that slipped between the two.
 */
@Component
public class PeerAddressing {

    private static final int MAX_LABEL_SUFFIX = 100_000;

    private final ClaimCandidates candidates;

    public PeerAddressing(ClaimCandidates candidates) {
        this.candidates = candidates;
    }

    /** An address and a label for a new peer, taken for the current transaction. */
    public record Assignment(String overlayIp, DnsLabel dnsLabel) {
    }

    public Assignment assign(AccountRecords records, String hostname) {
        return new Assignment(freeAddress(records), freeLabel(records, DnsLabel.fromHostname(hostname), null));
    }

    /**
     * The label a renamed peer gets, taken for the current transaction: its name's label, or that
     * label with a numeric suffix if taken.
     */
    public DnsLabel labelForRename(AccountRecords records, PeerId peer, String name) {
        return freeLabel(records, DnsLabel.fromHostname(name), peer);
    }

    /**
     * Checks an address an admin asks for against the network and the read model. The claim made when
     * the change is stored is the guarantee; this answers the common case with a precise message early.
     */
    public void requireAssignable(AccountRecords records, PeerId peer, String ip) {
        Ipv4Network network = records.account().network();
        if (!network.contains(ip)) {
            throw CommandRejectedException.invalid("ip " + ip + " is outside the account's network " + network.cidr());
        }
        long offset = network.offsetOf(ip);
        if (offset == 0 || offset == network.size() - 1) {
            throw CommandRejectedException.invalid("ip " + ip + " is the network's own or broadcast address");
        }
        boolean ownAddress = records.peer(peer).map(self -> self.overlayIp().equals(ip)).orElse(false);
        if (records.isOverlayIpTaken(ip) && !ownAddress) {
            throw addressTaken(ip);
        }
    }

    public static CommandRejectedException addressTaken(String ip) {
        return CommandRejectedException.conflict("ip " + ip + " is already assigned to another peer");
    }

    /**
     * Random probing keeps addresses of deleted peers from being handed out again straight away. The
     * start needs no cryptographic randomness, and a SecureRandom here would serialise enrollments.
     */
    private String freeAddress(AccountRecords records) {
        Ipv4Network network = records.account().network();
        AccountId account = records.account().id();
        long usable = network.size() - 2;
        long start = 1 + ThreadLocalRandom.current().nextLong(usable);
        for (long step = 0; step < usable; step++) {
            String candidate = network.addressAt(1 + (start - 1 + step) % usable);
            if (!records.isOverlayIpTaken(candidate) && candidates.tryTake(ClaimKind.OVERLAY_IP, account, candidate)) {
                return candidate;
            }
        }
        throw CommandRejectedException.preconditionFailed("the account's network " + network.cidr() + " is full");
    }

    private DnsLabel freeLabel(AccountRecords records, DnsLabel base, PeerId self) {
        AccountId account = records.account().id();
        for (int suffix = 1; suffix < MAX_LABEL_SUFFIX; suffix++) {
            DnsLabel candidate = suffix == 1 ? base : base.withSuffix(suffix);
            boolean ownLabel = self != null && records.peer(self)
                    .map(peer -> peer.dnsLabel().equals(candidate)).orElse(false);
            if (ownLabel || (!records.isDnsLabelTaken(candidate.value())
                    && candidates.tryTake(ClaimKind.DNS_LABEL, account, candidate.value()))) {
                return candidate;
            }
        }
        throw CommandRejectedException.conflict("no free DNS label for " + base.value());
    }
}
