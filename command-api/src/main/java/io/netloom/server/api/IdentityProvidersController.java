package io.netloom.server.api;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.directorysync.DirectorySyncConfig;
import io.netloom.server.directorysync.DirectorySyncProperties;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.identity.LazyClientRegistrations;
import io.netloom.server.identity.UpstreamProvider;
import io.netloom.server.identity.UpstreamProviders;
import io.netloom.server.identity.logout.BackChannelLogoutController;
import io.netloom.server.security.Caller;
import io.netloom.server.security.IssuerUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-in settings of the caller's account, read-only: providers are server configuration, changed in the
 * server's settings and not through the API. An account sees only the providers whose people join it, the same
 * rule sign-ins and directory syncs follow ({@link UpstreamProvider#accountAmong}): on a server with several
 * accounts, one account's issuer and clients are none of another's business.
 */
@RestController
@Tag(name = "Identity providers", description = "How people sign in: the embedded user store and upstream OIDC"
        + " providers (ADR 0022), read-only")
public class IdentityProvidersController {

    private final UpstreamProviders providers;
    private final DirectorySyncProperties directorySyncs;
    private final IdentityProperties identity;
    private final LazyClientRegistrations registrations;
    private final IssuerUrl issuer;
    private final Directory directory;
    private final CallerAccounts accounts;

    public IdentityProvidersController(UpstreamProviders providers, DirectorySyncProperties directorySyncs,
            IdentityProperties identity, LazyClientRegistrations registrations, IssuerUrl issuer, Directory directory,
            CallerAccounts accounts) {
        this.providers = providers;
        this.directorySyncs = directorySyncs;
        this.identity = identity;
        this.registrations = registrations;
        this.issuer = issuer;
        this.directory = directory;
        this.accounts = accounts;
    }

    @Operation(summary = "The account's sign-in settings: the embedded user store and its upstream OIDC providers",
            description = "Owners, admins and auditors; a user gets 403. The providers are the server's configuration"
                    + " (netloom.identity.providers.<id>), listed by id, only those whose people join the caller's"
                    + " account: the one their account-id names, or, without one, the server's only account (on a"
                    + " server with several accounts such a provider serves, and is listed for, nobody). Client ids"
                    + " are shown, as NetBird shows them; client secrets, of the providers and of their directory"
                    + " syncs, never are. Nothing here reaches a provider.")
    @GetMapping("/api/netloom/identity-providers")
    public IdentitySettings settings(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        boolean groupsFromProvider = accounts.of(caller).account().settings().jwtGroups().syncsGroups();
        Map<String, DirectorySyncConfig> syncs = directorySyncs.configured().stream()
                .collect(Collectors.toMap(DirectorySyncConfig::providerId, Function.identity()));
        List<AccountId> serverAccounts = directory.accountIds();
        List<IdentitySettings.Provider> listed = providers.all().stream()
                .filter(provider -> provider.accountAmong(serverAccounts).equals(Optional.of(caller.accountId())))
                .map(provider -> provider(provider, groupsFromProvider, syncs.get(provider.id())))
                .toList();
        return new IdentitySettings(new IdentitySettings.EmbeddedUserStore(true, identity.minPasswordLength()),
                listed);
    }

    private IdentitySettings.Provider provider(UpstreamProvider provider, boolean groupsFromProvider,
            DirectorySyncConfig sync) {
        return new IdentitySettings.Provider(provider.id(), provider.displayName(), provider.issuerUri(),
                provider.clientId(), provider.scopes(), provider.userClaim(), provider.groupsClaim(),
                groupsFromProvider, provider.accountId().isPresent(), registrations.redirectUri(provider),
                issuer.value() + BackChannelLogoutController.PATH + provider.id(),
                sync == null ? null : new IdentitySettings.DirectorySync(sync.type(), sync.serverUrl(), sync.realm(),
                        sync.clientId(), sync.interval().toSeconds()));
    }
}
