package io.netloom.server.directorysync;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.server.security.Caller;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The last run of each directory sync of the caller's account (ADR 0028): for admins who wonder why. */
@RestController
public class DirectorySyncController {

    private final DirectorySyncStatus status;

    public DirectorySyncController(DirectorySyncStatus status) {
        this.status = status;
    }

    @GetMapping("/api/netloom/directory-sync")
    public List<DirectorySyncOutcome> lastRuns(@AuthenticationPrincipal Caller caller) {
        if (!caller.isAdmin()) {
            throw CommandRejectedException.permissionDenied("only the account's owner or admins may do this");
        }
        return status.of(caller.accountId());
    }
}
