package io.netloom.projections.networkmap;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A peer's DNS sections before and after a change, compared by identity: peers with the same selection share one
 * {@link DnsSections} instance, so a change that reaches 5,000 peers makes a handful of distinct transitions, and
 * whether and how each differs is worked out once per transition instead of once per peer.
 */
record DnsTransition(DnsSections before, DnsSections after) {

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsTransition transition && transition.before == before
                && transition.after == after;
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(before) + System.identityHashCode(after);
    }

    boolean changes() {
        return before != after && !before.equals(after);
    }

    /** The entries each section gains and loses. */
    Difference difference() {
        return new Difference(
                Difference.missingFrom(before.nameserverGroups(), after.nameserverGroups()),
                Difference.missingFrom(after.nameserverGroups(), before.nameserverGroups()),
                Difference.missingFrom(before.zones(), after.zones()),
                Difference.missingFrom(after.zones(), before.zones()),
                Difference.missingFrom(before.records(), after.records()),
                Difference.missingFrom(after.records(), before.records()));
    }

    record Difference(
            List<NameserverGroupEntry> addedGroups, List<NameserverGroupEntry> removedGroups,
            List<DnsZoneEntry> addedZones, List<DnsZoneEntry> removedZones,
            List<DnsRecordEntry> addedRecords, List<DnsRecordEntry> removedRecords) {

        static final Difference NONE = new Difference(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());

        boolean isEmpty() {
            return addedGroups.isEmpty() && removedGroups.isEmpty() && addedZones.isEmpty() && removedZones.isEmpty()
                    && addedRecords.isEmpty() && removedRecords.isEmpty();
        }

        /** The entries of {@code after} not in {@code before}, in the (sorted) order of {@code after}. */
        private static <T> List<T> missingFrom(List<T> before, List<T> after) {
            if (before.equals(after)) {
                return List.of();
            }
            Set<T> held = new HashSet<>(before);
            return after.stream().filter(entry -> !held.contains(entry)).toList();
        }
    }
}
