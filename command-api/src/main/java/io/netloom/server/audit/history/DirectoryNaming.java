package io.netloom.server.audit.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.PolicyView;
import io.netloom.projections.history.Naming;
import java.util.Optional;

/** Names things as the directory knows them now; what no longer exists is named by its id. */
final class DirectoryNaming implements Naming {

    private final Optional<AccountRecords> records;

    DirectoryNaming(Optional<AccountRecords> records) {
        this.records = records;
    }

    @Override
    public String policy(PolicyId id) {
        return records.flatMap(account -> account.policy(id)).map(PolicyView::name).orElse(id.value());
    }

    @Override
    public String group(GroupId id) {
        return records.flatMap(account -> account.group(id)).map(GroupView::name).orElse(id.value());
    }

    @Override
    public String peer(PeerId id) {
        return records.flatMap(account -> account.peer(id)).map(PeerView::name).orElse(id.value());
    }

    /** A person by name, else e-mail; a service user by name. */
    @Override
    public String user(UserId id) {
        return records.flatMap(account -> account.user(id))
                .map(user -> user.name().isBlank() ? user.email() : user.name()).orElse(id.value());
    }
}
