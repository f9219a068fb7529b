package io.netloom.server.api;

import io.netloom.api.netbird.NetbirdTimes;
import io.netloom.api.netbird.User;
import io.netloom.api.netbird.UserCreateRequest;
import io.netloom.api.netbird.UserRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.DeleteUserCommand;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.SetLocalPasswordCommand;
import io.netloom.domain.user.UpdateUserCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Commands;
import io.netloom.server.identity.LocalPasswords;
import io.netloom.server.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/users. Regular users see only themselves; nobody can make an owner or block themselves. */
@RestController
@RequestMapping("/api/users")
public class UsersController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;
    private final Directory directory;
    private final LocalPasswords passwords;

    public UsersController(CallerAccounts accounts, Commands commands, AccountLocks locks, Directory directory,
            LocalPasswords passwords) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
        this.directory = directory;
        this.passwords = passwords;
    }

    /** With {@code service_user}, only service users ({@code true}) or only regular users ({@code false}). */
    @GetMapping
    public List<User> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(name = "service_user", required = false) String serviceUser) {
        Optional<Boolean> serviceUsers = QueryFilters.bool("service_user", serviceUser);
        return accounts.of(caller).users().stream()
                .filter(user -> caller.canReadAccount() || user.id().equals(caller.userId()))
                .filter(user -> serviceUsers.isEmpty() || user.serviceUser() == serviceUsers.get())
                .map(user -> toUser(user, caller))
                .toList();
    }

    @GetMapping("/current")
    public User current(@AuthenticationPrincipal Caller caller) {
        return toUser(existing(accounts.of(caller), caller.userId().value()), caller);
    }

    @PostMapping
    public User create(@AuthenticationPrincipal Caller caller, @RequestBody UserCreateRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        Role role = assignableRole(Required.field(request.role(), "role"));
        boolean serviceUser = Required.field(request.isServiceUser(), "is_service_user");
        List<String> autoGroups = Required.field(request.autoGroups(), "auto_groups");
        UserId id = UserId.random();
        // A person gets an initial password for the embedded user store, shown once, replaced at first sign-in;
        // not when the email already signs in (as a person of another account): a sign-in name leads to one person.
        String initialPassword = serviceUser || directory.localCredential(request.email()).isPresent()
                ? null : passwords.newInitialPassword();
        locks.withLock(caller.accountId(), () -> {
            if (!serviceUser && request.email() != null && records.users().stream()
                    .anyMatch(user -> user.email().equalsIgnoreCase(request.email()))) {
                throw CommandRejectedException.conflict("a user with this email already exists");
            }
            List<Object> steps = new ArrayList<>();
            steps.add(new CreateUserCommand(id, caller.accountId(), request.email(), request.name(), role,
                    serviceUser, ExistingGroups.require(records, autoGroups)));
            if (initialPassword != null) {
                steps.add(new SetLocalPasswordCommand(id, caller.accountId(), passwords.hashNew(initialPassword), true));
            }
            commands.sendAtomically(steps, Initiators.of(caller));
        });
        User created = toUser(records.user(id).orElseThrow(), caller);
        return initialPassword == null ? created : created.withPassword(initialPassword);
    }

    @PutMapping("/{userId}")
    public User update(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @RequestBody UserRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        UserView user = existing(records, userId);
        locks.withLock(caller.accountId(), () -> {
            UserRequests.Update update = UserRequests.update(records, caller, user, request);
            commands.send(new UpdateUserCommand(user.id(), caller.accountId(), update.role(), update.autoGroups(),
                    update.blocked()), Initiators.of(caller));
        });
        return toUser(records.user(user.id()).orElseThrow(), caller);
    }

    @DeleteMapping("/{userId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        Access.requireAdmin(caller);
        UserView user = existing(accounts.of(caller), userId);
        if (user.id().equals(caller.userId())) {
            throw CommandRejectedException.permissionDenied("you cannot delete yourself");
        }
        commands.send(new DeleteUserCommand(user.id(), caller.accountId(), OffboardingCause.ADMIN), Initiators.of(caller));
        return Map.of();
    }

    static UserView existing(AccountRecords records, String userId) {
        return records.user(new UserId(userId)).orElseThrow(() -> CommandRejectedException.notFound("user not found"));
    }

    private static Role assignableRole(String wireName) {
        Role role = Role.fromWireName(wireName);
        if (role == Role.OWNER) {
            throw CommandRejectedException.permissionDenied("the owner role cannot be assigned");
        }
        return role;
    }

    private static User toUser(UserView user, Caller caller) {
        return new User(user.id().value(), user.email(), null, user.name(), user.role().wireName(),
                user.blocked() ? "blocked" : "active", user.lastLogin() == null ? NetbirdTimes.ZERO : user.lastLogin(),
                user.autoGroups().stream().map(GroupId::value).toList(), user.id().equals(caller.userId()),
                user.serviceUser(), user.blocked(), false, user.issued().wireName(), null);
    }
}
