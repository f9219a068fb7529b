package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Group ids from a request, each checked to name a group of the caller's account. */
final class ExistingGroups {

    private ExistingGroups() {
    }

    static Set<GroupId> require(AccountRecords records, Collection<String> groupIds) {
        Set<GroupId> groups = new LinkedHashSet<>();
        for (String raw : groupIds) {
            GroupId id = new GroupId(raw);
            if (records.group(id).isEmpty()) {
                throw CommandRejectedException.invalid("group " + raw + " does not exist");
            }
            groups.add(id);
        }
        return groups;
    }
}
