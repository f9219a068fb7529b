package io.netloom.server.api;

import io.netloom.api.netbird.DNSSettings;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.UpdateDnsSettingsCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/dns/settings: the groups whose peers keep their system's DNS untouched. */
@RestController
@RequestMapping("/api/dns/settings")
public class DnsSettingsController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public DnsSettingsController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public DNSSettings get(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        return toSettings(accounts.of(caller).dnsSettings());
    }

    @PutMapping
    public DNSSettings update(@AuthenticationPrincipal Caller caller, @RequestBody DNSSettings request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        var groups = Required.field(request.disabledManagementGroups(), "disabled_management_groups");
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateDnsSettingsCommand(caller.accountId(),
                new DnsSettings(ExistingGroups.require(records, groups))), Initiators.of(caller)));
        return toSettings(records.dnsSettings());
    }

    private static DNSSettings toSettings(DnsSettings settings) {
        return new DNSSettings(settings.disabledManagementGroups().stream().map(GroupId::value).toList());
    }
}
