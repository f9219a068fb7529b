package io.netloom.server.scim;

import io.netloom.domain.account.CreateScimTokenCommand;
import io.netloom.domain.account.RevokeScimTokenCommand;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.TokenId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.ScimTokenView;
import io.netloom.server.api.CallerAccounts;
import io.netloom.server.api.Initiators;
import io.netloom.server.axon.Commands;
import io.netloom.server.identity.UpstreamProviders;
import io.netloom.server.security.Caller;
import io.netloom.server.security.SecretTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's SCIM tokens, managed by its owner and admins: created (the token shown once, only its hash kept),
 * listed without the token, revoked. A token reaches /scim/v2 of this account and nothing else (ADR 0026).
 */
@RestController
@RequestMapping("/api/netloom/scim-tokens")
@Tag(name = "SCIM tokens", description = "Bearer tokens for the account's SCIM client (Entra ID, Okta, authentik...)")
public class ScimTokensController {

    private static final int MAX_DAYS = 3650;

    private final CallerAccounts accounts;
    private final Commands commands;
    private final UpstreamProviders providers;
    private final ScimRepresentations representations;
    private final Clock clock;

    public ScimTokensController(CallerAccounts accounts, Commands commands, UpstreamProviders providers,
            ScimRepresentations representations, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.providers = providers;
        this.representations = representations;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List the account's SCIM tokens (never the tokens themselves)")
    public List<ScimTokenSummary> list(@AuthenticationPrincipal Caller caller) {
        requireAdmin(caller);
        return accounts.of(caller).scimTokens().stream().map(ScimTokensController::summary).toList();
    }

    @PostMapping
    @Operation(summary = "Create a SCIM token", description = "The plain token is in this answer only")
    public ScimTokenGenerated create(@AuthenticationPrincipal Caller caller, @RequestBody ScimTokenRequest request) {
        requireAdmin(caller);
        if (request.name() == null) {
            throw CommandRejectedException.invalid("name is required");
        }
        String name = request.name();
        Instant now = clock.instant();
        Instant expiresAt = null;
        if (request.expiresIn() != null) {
            if (request.expiresIn() < 1 || request.expiresIn() > MAX_DAYS) {
                throw CommandRejectedException.invalid("expires_in must be between 1 and " + MAX_DAYS + " days");
            }
            expiresAt = now.plus(Duration.ofDays(request.expiresIn()));
        }
        String provider = request.identityProvider();
        if (provider != null && providers.byId(provider).isEmpty()) {
            throw CommandRejectedException.invalid("identity_provider names no configured upstream provider");
        }
        String token = SecretTokens.newScimToken();
        TokenId id = TokenId.random();
        commands.send(new CreateScimTokenCommand(caller.accountId(), id, name, SecretTokens.hash(token), provider,
                caller.userId(), now, expiresAt), Initiators.of(caller));
        return new ScimTokenGenerated(token, summary(existing(accounts.of(caller), id.value())),
                representations.location("", "").replaceAll("/+$", ""));
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Revoke a SCIM token", description = "Its next request is refused")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String tokenId) {
        requireAdmin(caller);
        ScimTokenView token = existing(accounts.of(caller), tokenId);
        commands.send(new RevokeScimTokenCommand(caller.accountId(), token.id()),
                Initiators.of(caller));
        return Map.of();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw CommandRejectedException.permissionDenied("only the account's owner or admins manage SCIM tokens");
        }
    }

    private static ScimTokenView existing(AccountRecords records, String tokenId) {
        return records.scimToken(new TokenId(tokenId))
                .orElseThrow(() -> CommandRejectedException.notFound("SCIM token not found"));
    }

    private static ScimTokenSummary summary(ScimTokenView token) {
        return new ScimTokenSummary(token.id().value(), token.name(), token.identityProvider(),
                token.createdBy().value(), token.createdAt(), token.expiresAt());
    }
}
