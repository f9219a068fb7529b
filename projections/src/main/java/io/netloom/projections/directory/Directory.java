package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The read model of every account, kept in memory and rebuilt from the event store at start-up.
 * Lookups that cross accounts (a token, a setup key or a WireGuard key presented by someone who has
 * not yet said which account they belong to) are indexed here; everything else is per account.
 */
public final class Directory {

    private final ConcurrentMap<AccountId, AccountRecords> accounts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TokenView> tokensByHash = new ConcurrentHashMap<>();
    private final ConcurrentMap<TokenId, TokenView> tokensById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SetupKeyRef> setupKeysByHash = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PeerRef> peersByPublicKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<UserId, AccountId> accountOfUser = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LocalCredential> localCredentialsByEmail = new ConcurrentHashMap<>();
    private final ConcurrentMap<IdentityLink, UserId> usersByIdentity = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ScimTokenView> scimTokensByHash = new ConcurrentHashMap<>();

    /** Where a setup key lives, found by the hash of the key a device presents. */
    public record SetupKeyRef(AccountId accountId, SetupKeyId setupKeyId) {
    }

    /** Where a peer lives, found by its WireGuard public key. */
    public record PeerRef(AccountId accountId, PeerId peerId) {
    }

    public Optional<AccountRecords> account(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public List<AccountId> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    public Optional<TokenView> tokenByHash(String hash) {
        return Optional.ofNullable(tokensByHash.get(hash));
    }

    public Optional<TokenView> tokenById(TokenId id) {
        return Optional.ofNullable(tokensById.get(id));
    }

    /** The SCIM token whose hash this is, in whichever account it was issued for (ADR 0026). */
    public Optional<ScimTokenView> scimTokenByHash(String hash) {
        return Optional.ofNullable(scimTokensByHash.get(hash));
    }

    public Optional<SetupKeyRef> setupKeyByHash(String hash) {
        return Optional.ofNullable(setupKeysByHash.get(hash));
    }

    public Optional<PeerRef> peerByPublicKey(String publicKey) {
        return Optional.ofNullable(peersByPublicKey.get(publicKey));
    }

    /** A user found by id alone, as a JWT names it. */
    public Optional<UserView> user(UserId id) {
        AccountId account = accountOfUser.get(id);
        return account == null ? Optional.empty() : account(account).flatMap(records -> records.user(id));
    }

    /** The embedded user store's password of whoever signs in with this email, if any. */
    public Optional<LocalCredential> localCredential(String email) {
        return email == null ? Optional.empty()
                : Optional.ofNullable(localCredentialsByEmail.get(LocalCredential.key(email)));
    }

    /** The user a provider's subject signed in as before, in that account (ADR 0022), whatever its email is now. */
    public Optional<UserView> userByIdentity(IdentityLink link) {
        UserId user = usersByIdentity.get(link);
        return user == null ? Optional.empty() : account(link.accountId()).flatMap(records -> records.user(user));
    }

    /**
     * The users the provider's people signed in as in that account, by the provider's subject: whom a directory
     * sync with that provider answers for.
     */
    public Map<String, UserId> usersLinkedTo(AccountId accountId, String identityProvider) {
        Map<String, UserId> linked = new HashMap<>();
        usersByIdentity.forEach((link, user) -> {
            if (link.accountId().equals(accountId) && link.identityProvider().equals(identityProvider)) {
                linked.put(link.subject(), user);
            }
        });
        return linked;
    }

    /**
     * The cross-account lookups as they stand. Each map is copied on its own: the caller makes sure no event is
     * being applied meanwhile (ADR 0054), as for {@link AccountRecordsData#of}.
     */
    public DirectoryIndexes indexes() {
        List<DirectoryIndexes.Linked> links = new ArrayList<>();
        usersByIdentity.forEach((link, user) -> links.add(new DirectoryIndexes.Linked(link, user)));
        return new DirectoryIndexes(new HashMap<>(tokensByHash), new HashMap<>(tokensById),
                new HashMap<>(setupKeysByHash), new HashMap<>(peersByPublicKey), new HashMap<>(accountOfUser),
                new HashMap<>(localCredentialsByEmail), links, new HashMap<>(scimTokensByHash));
    }

    /**
     * Fills this directory, which must be empty, with these accounts and lookups (ADR 0054), sharing no map with
     * them. Called before any event is applied to it.
     */
    public void restore(DirectoryIndexes indexes, Collection<AccountRecords> restored) {
        if (!isEmpty() || !peersByPublicKey.isEmpty() || !accountOfUser.isEmpty()) {
            throw new IllegalStateException("a directory is restored only while it is empty");
        }
        restored.forEach(records -> accounts.put(records.account().id(), records));
        tokensByHash.putAll(indexes.tokensByHash());
        tokensById.putAll(indexes.tokensById());
        setupKeysByHash.putAll(indexes.setupKeysByHash());
        peersByPublicKey.putAll(indexes.peersByPublicKey());
        accountOfUser.putAll(indexes.accountOfUser());
        localCredentialsByEmail.putAll(indexes.localCredentialsByEmail());
        indexes.usersByIdentity().forEach(linked -> usersByIdentity.put(linked.link(), linked.user()));
        scimTokensByHash.putAll(indexes.scimTokensByHash());
    }

    /** Takes over everything {@code restored} holds, this directory being empty; {@code restored} is not used again. */
    public void restore(Directory restored) {
        restore(restored.indexes(), restored.accounts.values());
    }

    /** Forgets everything: what a restore that failed half-way leaves is not kept (ADR 0054). */
    public void clear() {
        List.of(accounts, tokensByHash, tokensById, setupKeysByHash, peersByPublicKey, accountOfUser,
                localCredentialsByEmail, usersByIdentity, scimTokensByHash).forEach(Map::clear);
    }

    // ---- writes, called by DirectoryProjection only

    void linkIdentity(IdentityLink link, UserId user) {
        usersByIdentity.putIfAbsent(link, user);
    }

    void unlinkIdentitiesOf(UserId user) {
        usersByIdentity.values().removeIf(user::equals);
    }

    void putLocalCredential(LocalCredential credential) {
        localCredentialsByEmail.put(LocalCredential.key(credential.email()), credential);
    }

    void removeLocalCredentialOf(UserId user) {
        localCredentialsByEmail.values().removeIf(credential -> credential.userId().equals(user));
    }

    void addAccount(AccountView account) {
        accounts.putIfAbsent(account.id(), new AccountRecords(account));
    }

    AccountRecords records(AccountId id) {
        AccountRecords records = accounts.get(id);
        if (records == null) {
            throw new IllegalStateException("event for unknown account " + id);
        }
        return records;
    }

    void indexUser(UserId user, AccountId account) {
        accountOfUser.put(user, account);
    }

    void unindexUser(UserId user) {
        accountOfUser.remove(user);
    }

    void indexToken(TokenView token) {
        tokensByHash.put(token.hash(), token);
        tokensById.put(token.id(), token);
    }

    void unindexToken(TokenView token) {
        tokensByHash.remove(token.hash());
        tokensById.remove(token.id());
    }

    void indexScimToken(ScimTokenView token) {
        scimTokensByHash.put(token.hash(), token);
    }

    void unindexScimToken(ScimTokenView token) {
        scimTokensByHash.remove(token.hash());
    }

    void indexSetupKey(String hash, SetupKeyRef ref) {
        setupKeysByHash.put(hash, ref);
    }

    void unindexSetupKey(String hash) {
        setupKeysByHash.remove(hash);
    }

    void indexPeer(String publicKey, PeerRef ref) {
        peersByPublicKey.put(publicKey, ref);
    }

    void unindexPeer(String publicKey) {
        peersByPublicKey.remove(publicKey);
    }
}
