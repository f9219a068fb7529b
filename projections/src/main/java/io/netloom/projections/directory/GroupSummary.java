package io.netloom.projections.directory;

import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.GroupId;

/** A group without its member list, for places that only show a group's name and size. */
public record GroupSummary(GroupId id, String name, boolean builtIn, GroupIssuer issued, int peerCount) {
}
