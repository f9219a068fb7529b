package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.user.SetLocalPasswordCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Commands;
import io.netloom.server.identity.LocalPasswords;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Netloom's own addition to NetBird's user invitation: an administrator creates the person with
 * {@code POST /api/users} and gives them an initial password for the embedded user store here.
 */
@RestController
@Tag(name = "Users", description = "Passwords of the embedded user store")
public class LocalPasswordsController {

    private final CallerAccounts accounts;
    private final Directory directory;
    private final LocalPasswords passwords;
    private final Commands commands;
    private final AccountLocks locks;

    public LocalPasswordsController(CallerAccounts accounts, Directory directory, LocalPasswords passwords,
            Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
        this.locks = locks;
    }

    /** NetBird's own password change of the embedded user store: a person changes their own password. */
    @PutMapping("/api/users/{userId}/password")
    public Map<String, Object> changeOwnPassword(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @RequestBody PasswordChangeRequest request) {
        UserView user = UsersController.existing(accounts.of(caller), userId);
        if (!user.id().equals(caller.userId())) {
            throw CommandRejectedException.permissionDenied("users can only change their own password");
        }
        String oldPassword = Required.field(request.oldPassword(), "old_password");
        String newPassword = Required.field(request.newPassword(), "new_password");
        if (passwords.verify(user.email(), oldPassword).filter(found -> found.userId().equals(user.id())).isEmpty()) {
            throw CommandRejectedException.permissionDenied("the current password is wrong");
        }
        commands.send(new SetLocalPasswordCommand(user.id(), caller.accountId(), passwords.hashNew(newPassword), false),
                Initiators.of(caller));
        return Map.of();
    }

    @PutMapping("/api/netloom/users/{userId}/password")
    @Operation(summary = "Set a user's password for the embedded user store",
            description = "Owners and admins only. The person signs in with their email and this password and, "
                    + "unless change_required is false, must choose a new one at once. Only an Argon2id hash is "
                    + "stored. 404: unknown user; 412: a service user, or a user without an email; 409: another "
                    + "user already signs in with this email; 422: a password shorter than the minimum.")
    public Map<String, Object> setPassword(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @RequestBody LocalPasswordRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        UserView user = UsersController.existing(records, userId);
        if (user.serviceUser() || user.email() == null || user.email().isBlank()) {
            throw CommandRejectedException.preconditionFailed("only a person with an email can sign in with a password");
        }
        String hash = passwords.hashNew(Required.field(request.password(), "password"));
        boolean changeRequired = request.changeRequired() == null || request.changeRequired();
        locks.withLock(caller.accountId(), () -> {
            // The email is the sign-in name: it must lead to exactly one person across all accounts.
            directory.localCredential(user.email())
                    .filter(other -> !other.userId().equals(user.id()))
                    .ifPresent(other -> {
                        throw CommandRejectedException.conflict("another user already signs in with this email");
                    });
            commands.send(new SetLocalPasswordCommand(user.id(), caller.accountId(), hash, changeRequired),
                    Initiators.of(caller));
        });
        return Map.of();
    }
}
