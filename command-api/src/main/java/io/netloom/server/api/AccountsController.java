package io.netloom.server.api;

import io.netloom.api.netbird.Account;
import io.netloom.api.netbird.AccountExtraSettings;
import io.netloom.api.netbird.AccountOnboarding;
import io.netloom.api.netbird.AccountRequest;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.JwtGroupsSettings;
import io.netloom.domain.account.UpdateAccountSettingsCommand;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsZone;
import io.netloom.projections.directory.AccountView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/accounts: the caller's own account and its settings. */
@RestController
@RequestMapping("/api/accounts")
public class AccountsController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public AccountsController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public List<Account> list(@AuthenticationPrincipal Caller caller) {
        return List.of(toAccount(accounts.of(caller).account()));
    }

    @PutMapping("/{accountId}")
    public Account update(@AuthenticationPrincipal Caller caller, @PathVariable String accountId,
            @RequestBody AccountRequest request) {
        AccountView account = own(caller, accountId);
        Access.requireAdmin(caller);
        var requested = Required.field(request.settings(), "settings");
        AccountSettings current = account.settings();
        AccountSettings settings = new AccountSettings(
                orCurrent(requested.peerLoginExpirationEnabled(), current.peerLoginExpirationEnabled()),
                requested.peerLoginExpiration() == null ? current.peerLoginExpiration()
                        : Duration.ofSeconds(requested.peerLoginExpiration()),
                orCurrent(requested.peerInactivityExpirationEnabled(), current.peerInactivityExpirationEnabled()),
                requested.peerInactivityExpiration() == null ? current.peerInactivityExpiration()
                        : Duration.ofSeconds(requested.peerInactivityExpiration()),
                orCurrent(requested.regularUsersViewBlocked(), current.regularUsersViewBlocked()),
                requested.extra() == null ? current.peerApprovalRequired()
                        : orCurrent(requested.extra().peerApprovalEnabled(), current.peerApprovalRequired()),
                requested.dnsDomain() == null ? current.dnsDomain() : requested.dnsDomain(),
                new JwtGroupsSettings(
                        orCurrent(requested.jwtGroupsEnabled(), current.jwtGroups().enabled()),
                        requested.jwtGroupsClaimName() == null ? current.jwtGroups().claimName()
                                : requested.jwtGroupsClaimName(),
                        requested.jwtAllowGroups() == null ? current.jwtGroups().allowGroups()
                                : requested.jwtAllowGroups()));
        Ipv4Network network = requested.networkRange() == null ? account.network()
                : new Ipv4Network(requested.networkRange());
        // Under the account's lock, so that no zone of the new domain can be created while the domain changes.
        locks.withLock(account.id(), () -> {
            if (!settings.dnsDomain().equals(current.dnsDomain())) {
                accounts.of(caller).dnsZones().forEach(zone ->
                        DnsZone.requireOutsidePeerDomain(zone.definition().domain(), settings.dnsDomain()));
            }
            commands.send(new UpdateAccountSettingsCommand(account.id(), settings, network), Initiators.of(caller));
        });
        return toAccount(accounts.of(caller).account());
    }

    @DeleteMapping("/{accountId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String accountId) {
        own(caller, accountId);
        throw CommandRejectedException.permissionDenied("deleting an account is not supported by this server");
    }

    private AccountView own(Caller caller, String accountId) {
        AccountView account = accounts.of(caller).account();
        if (!account.id().value().equals(accountId)) {
            throw CommandRejectedException.notFound("account not found");
        }
        return account;
    }

    private static boolean orCurrent(Boolean requested, boolean current) {
        return requested == null ? current : requested;
    }

    private static Account toAccount(AccountView account) {
        AccountSettings settings = account.settings();
        var wireSettings = new io.netloom.api.netbird.AccountSettings(
                settings.peerLoginExpirationEnabled(), settings.peerLoginExpiration().toSeconds(),
                settings.peerInactivityExpirationEnabled(), settings.peerInactivityExpiration().toSeconds(),
                settings.regularUsersViewBlocked(), null, settings.jwtGroups().enabled(),
                settings.jwtGroups().claimName(), settings.jwtGroups().allowGroups(), null,
                settings.dnsDomain(), account.network().cidr(), false, List.of(),
                new AccountExtraSettings(settings.peerApprovalRequired(), false, false, List.of(), false));
        return new Account(account.id().value(), wireSettings, account.domain(), "private", account.createdAt(),
                account.createdBy().value(), new AccountOnboarding(false, false));
    }
}
