package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.server.claims.ClaimCandidates;
import io.netloom.server.claims.ClaimCandidates.Candidate;
import io.netloom.server.claims.ClaimKind;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.springframework.stereotype.Component;

/**
 * Chooses overlay addresses and DNS labels that are unique within an account (ADR 0011). The read
 * model skips what is known to be taken; after a collision, {@link ClaimCandidates} also skips what
 * concurrent transactions are taking; the claims table's constraints settle anything else.
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

    /**
     * A first choice for a new peer from the read model alone, without a round trip: right unless a
     * concurrent enrollment chose the same, which its claim then refuses; the enrollment then
     * chooses again with {@link #assign}.
     */
    public Assignment guess(AccountRecords records, String hostname) {
        return new Assignment(next(freeLookingAddresses(records), records),
                nextLabel(freeLookingLabels(records, DnsLabel.fromHostname(hostname), null)));
    }

    /**
     * A choice that concurrent enrollments cannot make too, once no other enrollment of the same device
     * is in flight. Usually one round trip: the first free-looking address and label are tried together.
     */
    public Assignment assign(AccountRecords records, WireguardPublicKey device, String hostname) {
        AccountId account = records.account().id();
        Iterator<String> addresses = freeLookingAddresses(records);
        Iterator<DnsLabel> labels = freeLookingLabels(records, DnsLabel.fromHostname(hostname), null);
        String ip = next(addresses, records);
        DnsLabel label = nextLabel(labels);
        List<Boolean> taken = candidates.tryTakeForDevice(device, account,
                List.of(new Candidate(ClaimKind.OVERLAY_IP, ip), new Candidate(ClaimKind.DNS_LABEL, label.value())));
        if (!taken.get(0)) {
            ip = takeFirst(records, addresses);
        }
        if (!taken.get(1)) {
            label = takeFirst(records, labels, null);
        }
        return new Assignment(ip, label);
    }

    /**
     * The label a renamed peer gets, taken for the current transaction: its name's label, or that
     * label with a numeric suffix if taken.
     */
    public DnsLabel labelForRename(AccountRecords records, PeerId peer, String name) {
        return takeFirst(records, freeLookingLabels(records, DnsLabel.fromHostname(name), peer), peer);
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

    private String takeFirst(AccountRecords records, Iterator<String> addresses) {
        while (true) {
            String ip = next(addresses, records);
            if (candidates.tryTake(records.account().id(), new Candidate(ClaimKind.OVERLAY_IP, ip))) {
                return ip;
            }
        }
    }

    private DnsLabel takeFirst(AccountRecords records, Iterator<DnsLabel> labels, PeerId self) {
        while (true) {
            DnsLabel label = nextLabel(labels);
            if (isOwnLabel(records, self, label)
                    || candidates.tryTake(records.account().id(), new Candidate(ClaimKind.DNS_LABEL, label.value()))) {
                return label;
            }
        }
    }

    private static DnsLabel nextLabel(Iterator<DnsLabel> labels) {
        if (!labels.hasNext()) {
            throw CommandRejectedException.conflict("no free DNS label for this name");
        }
        return labels.next();
    }

    /**
     * From a random start, so that addresses of deleted peers are not handed out again straight away.
     * The start needs no cryptographic randomness, and a SecureRandom here would serialise enrollments.
     */
    private static Iterator<String> freeLookingAddresses(AccountRecords records) {
        Ipv4Network network = records.account().network();
        long usable = network.size() - 2;
        long start = ThreadLocalRandom.current().nextLong(usable);
        return LongStream.range(0, usable)
                .mapToObj(step -> network.addressAt(1 + (start + step) % usable))
                .filter(candidate -> !records.isOverlayIpTaken(candidate))
                .iterator();
    }

    private static String next(Iterator<String> addresses, AccountRecords records) {
        if (!addresses.hasNext()) {
            throw CommandRejectedException.preconditionFailed(
                    "the account's network " + records.account().network().cidr() + " is full");
        }
        return addresses.next();
    }

    /** The label itself, then with suffixes -2, -3, …; a peer's own label counts as free for it. */
    private static Iterator<DnsLabel> freeLookingLabels(AccountRecords records, DnsLabel base, PeerId self) {
        return IntStream.range(1, MAX_LABEL_SUFFIX)
                .mapToObj(suffix -> suffix == 1 ? base : base.withSuffix(suffix))
                .filter(label -> isOwnLabel(records, self, label) || !records.isDnsLabelTaken(label.value()))
                .iterator();
    }

    private static boolean isOwnLabel(AccountRecords records, PeerId self, DnsLabel label) {
        return self != null && records.peer(self).map(peer -> peer.dnsLabel().equals(label)).orElse(false);
    }
}
