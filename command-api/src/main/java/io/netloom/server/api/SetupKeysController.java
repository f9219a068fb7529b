package io.netloom.server.api;

import io.netloom.api.netbird.CreateSetupKeyRequest;
import io.netloom.api.netbird.NetbirdTimes;
import io.netloom.api.netbird.SetupKey;
import io.netloom.api.netbird.SetupKeyClear;
import io.netloom.api.netbird.SetupKeyRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.setupkey.CreateSetupKeyCommand;
import io.netloom.domain.setupkey.DeleteSetupKeyCommand;
import io.netloom.domain.setupkey.SetupKeyType;
import io.netloom.domain.setupkey.UpdateSetupKeyCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.SetupKeyView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import io.netloom.server.security.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/setup-keys. The key itself appears once, in the creation response; only its hash is kept. */
@RestController
@RequestMapping("/api/setup-keys")
public class SetupKeysController {

    /** NetBird's bounds for expires_in: one day to one year. */
    private static final long MIN_EXPIRY_SECONDS = Duration.ofDays(1).toSeconds();
    private static final long MAX_EXPIRY_SECONDS = Duration.ofDays(365).toSeconds();

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;
    private final Clock clock;

    public SetupKeysController(CallerAccounts accounts, Commands commands, AccountLocks locks, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
        this.clock = clock;
    }

    @GetMapping
    public List<SetupKey> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        Instant now = clock.instant();
        return accounts.of(caller).setupKeys().stream().map(key -> masked(key, now)).toList();
    }

    @GetMapping("/{keyId}")
    public SetupKey get(@AuthenticationPrincipal Caller caller, @PathVariable String keyId) {
        Access.requireAccountReader(caller);
        return masked(existing(accounts.of(caller), keyId), clock.instant());
    }

    @PostMapping
    public SetupKeyClear create(@AuthenticationPrincipal Caller caller, @RequestBody CreateSetupKeyRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        String name = Required.field(request.name(), "name");
        SetupKeyType type = SetupKeyType.fromWireName(Required.field(request.type(), "type"));
        long expiresIn = Required.field(request.expiresIn(), "expires_in");
        if (expiresIn < MIN_EXPIRY_SECONDS || expiresIn > MAX_EXPIRY_SECONDS) {
            throw CommandRejectedException.invalid(
                    "expires_in must be between " + MIN_EXPIRY_SECONDS + " and " + MAX_EXPIRY_SECONDS + " seconds");
        }
        int usageLimit = Required.field(request.usageLimit(), "usage_limit");
        List<String> autoGroups = Required.field(request.autoGroups(), "auto_groups");
        String plainKey = SecretTokens.newSetupKey();
        SetupKeyId id = SetupKeyId.random();
        Instant now = clock.instant();
        locks.withLock(caller.accountId(), () -> commands.send(new CreateSetupKeyCommand(id, caller.accountId(), name,
                type, SecretTokens.hash(plainKey), SecretTokens.mask(plainKey), now, now.plusSeconds(expiresIn),
                usageLimit, ExistingGroups.require(records, autoGroups), Boolean.TRUE.equals(request.ephemeral()),
                Boolean.TRUE.equals(request.allowExtraDnsLabels()), caller.userId()), Initiators.of(caller)));
        SetupKeyView created = records.setupKey(id).orElseThrow();
        SetupKey view = masked(created, now);
        return new SetupKeyClear(view.id(), plainKey, view.name(), view.expires(), view.type(), view.valid(),
                view.revoked(), view.usedTimes(), view.lastUsed(), view.state(), view.autoGroups(), view.updatedAt(),
                view.usageLimit(), view.ephemeral(), view.allowExtraDnsLabels());
    }

    @PutMapping("/{keyId}")
    public SetupKey update(@AuthenticationPrincipal Caller caller, @PathVariable String keyId,
            @RequestBody SetupKeyRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        SetupKeyView key = existing(records, keyId);
        boolean revoked = Required.field(request.revoked(), "revoked");
        List<String> autoGroups = Required.field(request.autoGroups(), "auto_groups");
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateSetupKeyCommand(key.id(), caller.accountId(),
                revoked, ExistingGroups.require(records, autoGroups)), Initiators.of(caller)));
        return masked(records.setupKey(key.id()).orElseThrow(), clock.instant());
    }

    @DeleteMapping("/{keyId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String keyId) {
        Access.requireAdmin(caller);
        SetupKeyView key = existing(accounts.of(caller), keyId);
        commands.send(new DeleteSetupKeyCommand(key.id(), caller.accountId()), Initiators.of(caller));
        return Map.of();
    }

    private static SetupKeyView existing(AccountRecords records, String keyId) {
        return records.setupKey(new SetupKeyId(keyId))
                .orElseThrow(() -> CommandRejectedException.notFound("setup key not found"));
    }

    private static SetupKey masked(SetupKeyView key, Instant now) {
        return new SetupKey(key.id().value(), key.maskedKey(), key.name(), key.expiresAt(), key.type().wireName(),
                key.isValidAt(now), key.revoked(), key.usedTimes(),
                key.lastUsed() == null ? NetbirdTimes.ZERO : key.lastUsed(), key.stateAt(now),
                key.autoGroups().stream().map(GroupId::value).toList(), key.updatedAt(), key.usageLimit(),
                key.ephemeral(), key.allowExtraDnsLabels());
    }
}
