package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.util.List;
import java.util.Map;

/**
 * The {@link Directory}'s lookups that cross accounts, as plain records: the part of a read-model snapshot that
 * belongs to no account (ADR 0054). Kept as they stand rather than rebuilt from the accounts, because the
 * projection maintains some of them (local credentials, identity links) from events that no account record keeps.
 */
public record DirectoryIndexes(
        Map<String, TokenView> tokensByHash,
        Map<TokenId, TokenView> tokensById,
        Map<String, Directory.SetupKeyRef> setupKeysByHash,
        Map<String, Directory.PeerRef> peersByPublicKey,
        Map<UserId, AccountId> accountOfUser,
        Map<String, LocalCredential> localCredentialsByEmail,
        List<Linked> usersByIdentity,
        Map<String, ScimTokenView> scimTokensByHash) {

    /** One identity link; a list of these, because a link (three fields) cannot be a JSON object key. */
    public record Linked(IdentityLink link, UserId user) {
    }
}
