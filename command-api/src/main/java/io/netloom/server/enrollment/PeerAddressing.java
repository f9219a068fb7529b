package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.projections.directory.AccountRecords;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Hands out overlay addresses and DNS labels that are unique within an account. A choice is held as
 * a reservation until the enrollment that asked for it has committed or failed, so concurrent
 * enrollments never pick the same address and none of them waits for another's database commit.
 */
@Component
public class PeerAddressing {

    private static final int MAX_LABEL_SUFFIX = 100_000;

    private final ConcurrentMap<AccountId, Reservations> reservations = new ConcurrentHashMap<>();

    /** An address and label held for one enrollment; release it once the enrollment is over. */
    public record Reservation(AccountId accountId, String overlayIp, DnsLabel dnsLabel) {
    }

    public Reservation reserve(AccountRecords records, String hostname) {
        AccountId account = records.account().id();
        Reservations held = reservations.computeIfAbsent(account, key -> new Reservations());
        synchronized (held) {
            String ip = freeAddress(records, held);
            DnsLabel label = freeLabel(records, held, DnsLabel.fromHostname(hostname), null);
            held.ips.add(ip);
            held.labels.add(label.value());
            return new Reservation(account, ip, label);
        }
    }

    public void release(Reservation reservation) {
        Reservations held = reservations.get(reservation.accountId());
        synchronized (held) {
            held.ips.remove(reservation.overlayIp());
            held.labels.remove(reservation.dnsLabel().value());
        }
    }

    /** The label a renamed peer gets: its name's label, or that label with a numeric suffix if taken. */
    public DnsLabel labelForRename(AccountRecords records, PeerId peer, String name) {
        Reservations held = reservations.computeIfAbsent(records.account().id(), key -> new Reservations());
        synchronized (held) {
            return freeLabel(records, held, DnsLabel.fromHostname(name), peer);
        }
    }

    /** Checks an address an admin asks for; the caller holds the account lock. */
    public void requireAssignable(AccountRecords records, PeerId peer, String ip) {
        Ipv4Network network = records.account().network();
        if (!network.contains(ip)) {
            throw CommandRejectedException.invalid("ip " + ip + " is outside the account's network " + network.cidr());
        }
        long offset = network.offsetOf(ip);
        if (offset == 0 || offset == network.size() - 1) {
            throw CommandRejectedException.invalid("ip " + ip + " is the network's own or broadcast address");
        }
        Reservations held = reservations.computeIfAbsent(records.account().id(), key -> new Reservations());
        synchronized (held) {
            boolean ownAddress = records.peer(peer).map(self -> self.overlayIp().equals(ip)).orElse(false);
            boolean takenByOther = records.isOverlayIpTaken(ip) && !ownAddress;
            if (takenByOther || held.ips.contains(ip)) {
                throw CommandRejectedException.conflict("ip " + ip + " is already assigned to another peer");
            }
        }
    }

    /**
     * Random probing keeps addresses of deleted peers from being handed out again straight away. The
     * start needs no cryptographic randomness, and a SecureRandom here would serialise enrollments.
     */
    private String freeAddress(AccountRecords records, Reservations held) {
        Ipv4Network network = records.account().network();
        long usable = network.size() - 2;
        long start = 1 + ThreadLocalRandom.current().nextLong(usable);
        for (long step = 0; step < usable; step++) {
            String candidate = network.addressAt(1 + (start - 1 + step) % usable);
            if (!records.isOverlayIpTaken(candidate) && !held.ips.contains(candidate)) {
                return candidate;
            }
        }
        throw CommandRejectedException.preconditionFailed("the account's network " + network.cidr() + " is full");
    }

    private static DnsLabel freeLabel(AccountRecords records, Reservations held, DnsLabel base, PeerId self) {
        for (int suffix = 1; suffix < MAX_LABEL_SUFFIX; suffix++) {
            DnsLabel candidate = suffix == 1 ? base : base.withSuffix(suffix);
            boolean ownLabel = self != null && records.peer(self)
                    .map(peer -> peer.dnsLabel().equals(candidate)).orElse(false);
            if (ownLabel || (!records.isDnsLabelTaken(candidate.value()) && !held.labels.contains(candidate.value()))) {
                return candidate;
            }
        }
        throw CommandRejectedException.conflict("no free DNS label for " + base.value());
    }

    private static final class Reservations {
        private final Set<String> ips = new HashSet<>();
        private final Set<String> labels = new HashSet<>();
    }
}
