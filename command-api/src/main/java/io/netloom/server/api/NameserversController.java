package io.netloom.server.api;

import io.netloom.api.netbird.NameserverGroup;
import io.netloom.api.netbird.NameserverGroupRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.dns.CreateNameserverGroupCommand;
import io.netloom.domain.dns.DeleteNameserverGroupCommand;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.dns.UpdateNameserverGroupCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NameserverGroupView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
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
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/dns/nameservers: upstream resolvers for the peers of some groups, for all or some domains. */
@RestController
@RequestMapping("/api/dns/nameservers")
public class NameserversController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public NameserversController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public List<NameserverGroup> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        return accounts.of(caller).nameserverGroups().stream().map(NameserversController::toNameserverGroup).toList();
    }

    @GetMapping("/{nsgroupId}")
    public NameserverGroup get(@AuthenticationPrincipal Caller caller, @PathVariable String nsgroupId) {
        Access.requireAccountReader(caller);
        return toNameserverGroup(existing(accounts.of(caller), nsgroupId));
    }

    @PostMapping
    public NameserverGroup create(@AuthenticationPrincipal Caller caller,
            @RequestBody NameserverGroupRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NameserverGroupId id = NameserverGroupId.random();
        // Under the account's lock, so the groups checked here cannot be deleted before the nameserver group exists.
        locks.withLock(caller.accountId(), () -> commands.send(new CreateNameserverGroupCommand(id, caller.accountId(),
                NameserverGroupRequests.checked(records, request, Optional.empty())), Initiators.of(caller)));
        return toNameserverGroup(records.nameserverGroup(id).orElseThrow());
    }

    @PutMapping("/{nsgroupId}")
    public NameserverGroup update(@AuthenticationPrincipal Caller caller, @PathVariable String nsgroupId,
            @RequestBody NameserverGroupRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NameserverGroupView group = existing(records, nsgroupId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateNameserverGroupCommand(group.id(),
                caller.accountId(), NameserverGroupRequests.checked(records, request, Optional.of(group.id()))),
                Initiators.of(caller)));
        return toNameserverGroup(records.nameserverGroup(group.id()).orElseThrow());
    }

    @DeleteMapping("/{nsgroupId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String nsgroupId) {
        Access.requireAdmin(caller);
        NameserverGroupView group = existing(accounts.of(caller), nsgroupId);
        locks.withLock(caller.accountId(), () -> commands.send(
                new DeleteNameserverGroupCommand(group.id(), caller.accountId()), Initiators.of(caller)));
        return Map.of();
    }

    private static NameserverGroupView existing(AccountRecords records, String id) {
        return records.nameserverGroup(new NameserverGroupId(id))
                .orElseThrow(() -> CommandRejectedException.notFound("nameserver group not found"));
    }

    private static NameserverGroup toNameserverGroup(NameserverGroupView view) {
        NameserverGroupDefinition group = view.definition();
        return new NameserverGroup(view.id().value(), group.name(), group.description(),
                group.nameservers().stream().map(NameserversController::toNameserver).toList(), group.enabled(),
                group.groups().stream().map(GroupId::value).toList(), group.primary(), group.domains(),
                group.searchDomainsEnabled());
    }

    private static io.netloom.api.netbird.Nameserver toNameserver(Nameserver nameserver) {
        return new io.netloom.api.netbird.Nameserver(nameserver.ip(), io.netloom.api.netbird.Nameserver.UDP,
                nameserver.port());
    }
}
