package io.netloom.server.scim;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.ok;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.account.CreateScimTokenCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.SecretTokens;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;

/** The SCIM API tests' base: an account of their own, its SCIM token, and SCIM bodies as clients send them. */
abstract class ScimServerTest extends ServerTest {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Autowired
    protected Commands commands;

    private int devices;

    /** An account's owner (through the admin API) and its SCIM client. */
    record ScimAccount(NetloomApi.Client owner, AccountId id, ScimHttp scim) {
    }

    ScimAccount newScimAccount() {
        NetloomApi.Client owner = accounts.newAccount();
        String token = ok(owner.post("/api/netloom/scim-tokens", Map.of("name", "entra"))).text("plain_token");
        return new ScimAccount(owner, new AccountId(accountId(owner)), ScimHttp.bearer(api.baseUrl(), token));
    }

    /** An account whose owner is a person, as the first sign-in makes one; the usual test owner is a service user. */
    ScimAccount newScimAccountOwnedByAPerson() {
        AccountId account = AccountId.random();
        UserId owner = UserId.random();
        commands.sendAtomically(List.of(
                new CreateAccountCommand(account, owner, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                new CreateGroupCommand(GroupId.random(), account, "All", true, Set.of()),
                new CreateUserCommand(owner, account, "boss@example.com", "Boss", Role.OWNER, false, Set.of())),
                Initiator.SYSTEM);
        String token = SecretTokens.newScimToken();
        commands.send(new CreateScimTokenCommand(account, TokenId.random(), "entra", SecretTokens.hash(token), null,
                owner, Instant.now(), null), Initiator.SYSTEM);
        return new ScimAccount(api.as(accounts.tokenFor(account, owner)), account,
                ScimHttp.bearer(api.baseUrl(), token));
    }

    static Map<String, Object> user(String email, String externalId, boolean active) {
        return Map.of("schemas", List.of(USER_SCHEMA), "userName", email, "externalId", externalId,
                "name", Map.of("givenName", "Ann", "familyName", "Lee"), "displayName", "Ann Lee",
                "emails", List.of(Map.of("value", email, "type", "work", "primary", true)), "active", active);
    }

    static Map<String, Object> patch(Map<String, Object>... operations) {
        return Map.of("schemas", List.of(PATCH_SCHEMA), "Operations", List.of(operations));
    }

    static Map<String, Object> group(String displayName, String... memberIds) {
        return Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", displayName,
                "members", List.of(memberIds).stream().map(id -> Map.of("value", id)).toList());
    }

    static String createUser(ScimAccount account, String email) {
        return ScimHttp.ok(account.scim().post("/scim/v2/Users", user(email, "ext-" + email, true)), 201).text("id");
    }

    /** A device the person signed in, enrolled as the sign-in does (a person's peer, login expiry on). */
    PeerId signedInDevice(AccountId account, String userId, String name) {
        PeerId peer = PeerId.random();
        devices++;
        commands.send(new EnrollPeerCommand(peer, account, new WireguardPublicKey(TestPeers.newPublicKey()),
                new PeerMetadata(name, "linux", "6.8.0", "0.1.0"), name, "100.64.77." + devices, new DnsLabel(name),
                new UserId(userId), null, false, true, false, Instant.now(), ExtraDnsLabels.NONE, false),
                new Initiator(userId));
        return peer;
    }

    /** How much the account's history holds: an answer that changed nothing leaves it as it was. */
    static int historySize(ScimAccount account) {
        return audit(account.owner()).size();
    }
}
