package io.netloom.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import io.netloom.domain.common.Hashes;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.UpdateDnsSettingsCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** The tenant: owns the overlay network range and the settings every peer of the account obeys. */
public class Account {

    @AggregateIdentifier
    private AccountId accountId;
    private Ipv4Network network;
    private AccountSettings settings;
    private DnsSettings dnsSettings = DnsSettings.NONE;
    private final Set<TokenId> scimTokens = new HashSet<>();

    public Account() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Account(CreateAccountCommand command) {
        Required.present(command.createdBy(), "account creator");
        Required.present(command.network(), "network");
        Required.present(command.settings(), "settings");
        apply(new AccountCreatedEvent(command.accountId(), command.createdBy(), normalizedDomain(command.domain()),
                command.network(), command.settings()));
    }

    @CommandHandler
    public void handle(UpdateAccountSettingsCommand command) {
        Required.present(command.settings(), "settings");
        if (command.network() != null && !command.network().equals(network)) {
            // Every peer already holds an address from the current range; moving it would orphan them all.
            throw CommandRejectedException.preconditionFailed(
                    "the overlay network range cannot be changed after the account is created");
        }
        if (!command.settings().equals(settings)) {
            apply(new AccountSettingsUpdatedEvent(accountId, command.settings()));
        }
    }

    /** The groups it names are checked by the API under the account's lock: they belong to other aggregates. */
    @CommandHandler
    public void handle(UpdateDnsSettingsCommand command) {
        DnsSettings changed = Required.present(command.settings(), "DNS settings");
        if (!changed.equals(dnsSettings)) {
            apply(new DnsSettingsUpdatedEvent(accountId, changed));
        }
    }

    @CommandHandler
    public void handle(CreateScimTokenCommand command) {
        TokenId tokenId = Required.present(command.tokenId(), "token id");
        String name = Names.requireValid(command.name(), "token name");
        String tokenHash = Hashes.requireSha256(command.tokenHash(), "token hash");
        Required.present(command.createdBy(), "token creator");
        Instant createdAt = Required.present(command.createdAt(), "token creation time");
        String provider = Names.optional(command.identityProvider(), "identity provider");
        if (command.expiresAt() != null && !command.expiresAt().isAfter(createdAt)) {
            throw CommandRejectedException.invalid("token expiration must be after its creation");
        }
        if (scimTokens.contains(tokenId)) {
            throw CommandRejectedException.conflict("a SCIM token with this id already exists");
        }
        apply(new ScimTokenCreatedEvent(accountId, tokenId, name, tokenHash, provider, command.createdBy(), createdAt,
                command.expiresAt()));
    }

    @CommandHandler
    public void handle(RevokeScimTokenCommand command) {
        if (!scimTokens.contains(command.tokenId())) {
            throw CommandRejectedException.notFound("SCIM token not found");
        }
        apply(new ScimTokenRevokedEvent(accountId, command.tokenId()));
    }

    @EventSourcingHandler
    void on(ScimTokenCreatedEvent event) {
        scimTokens.add(event.tokenId());
    }

    @EventSourcingHandler
    void on(ScimTokenRevokedEvent event) {
        scimTokens.remove(event.tokenId());
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        accountId = event.accountId();
        network = event.network();
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(AccountSettingsUpdatedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(DnsSettingsUpdatedEvent event) {
        dnsSettings = event.settings();
    }

    /** The domain usually comes from an email address or an IdP, where case carries no meaning. */
    private static String normalizedDomain(String domain) {
        String normalized = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (!normalized.isEmpty() && !DnsNames.isValidName(normalized)) {
            throw CommandRejectedException.invalid("account domain must be a DNS name such as example.com");
        }
        return normalized;
    }
}
