package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.server.security.Caller;
import org.springframework.stereotype.Component;

/** The read model of the caller's own account: the only one a request can ever reach. */
@Component
public class CallerAccounts {

    private final Directory directory;

    public CallerAccounts(Directory directory) {
        this.directory = directory;
    }

    public AccountRecords of(Caller caller) {
        return directory.account(caller.accountId())
                .orElseThrow(() -> CommandRejectedException.notFound("account not found"));
    }
}
