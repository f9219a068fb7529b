package io.netloom.server.login;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.RenewPeerLoginCommand;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.JwtGroupsSync;
import io.netloom.domain.user.LogUserInCommand;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.domain.user.SignInGate;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the sign-in side calls at each person's sign-in (ADR 0021). {@link #refusal} first, to turn away people
 * outside the account's {@code jwt_allow_groups}; then {@link #record}, which syncs the groups claim as NetBird
 * does and renews the device's login, all in one transaction. It runs under the account's lock, like the group
 * API, because whether a group of a claimed name already exists is read from the read model.
 */
@Service
public class UserLogins {

    private static final Logger log = LoggerFactory.getLogger(UserLogins.class);

    private final Directory directory;
    private final Commands commands;
    private final AccountLocks locks;

    public UserLogins(Directory directory, Commands commands, AccountLocks locks) {
        this.directory = directory;
        this.commands = commands;
        this.locks = locks;
    }

    /**
     * Empty if the person may sign in, else the message to show them. A sign-in with a personal access token is
     * never refused, and neither is the owner.
     */
    public Optional<String> refusal(AccountId accountId, UserId userId, boolean withPersonalAccessToken,
            GroupsClaim claim) {
        AccountRecords records = accountOf(accountId);
        UserView user = userOf(records, userId);
        return SignInGate.refusal(records.account().settings().jwtGroups(), user.role(), withPersonalAccessToken,
                claimOrNone(claim));
    }

    /**
     * Records the sign-in. With JWT groups on, groups the claim names are created (issued "jwt") where no group
     * has the name, the user's auto-groups follow the claim, and every peer of the user joins the groups the
     * user joins and leaves those the user leaves. With a device, its login is renewed, which brings an
     * expired device back into the maps with its key and address unchanged.
     *
     * @param initiator who signed in (the user), recorded on every resulting event
     */
    public void record(RecordUserLoginCommand login, Initiator initiator) {
        AccountId accountId = Required.present(login.accountId(), "account");
        Instant at = Required.present(login.at(), "sign-in time");
        GroupsClaim claim = claimOrNone(login.groupsClaim());
        if (claim.isIgnored()) {
            // The provider's fault, not the person's: they sign in, their groups stay as they were.
            log.warn("Ignoring the groups claim of user {} in account {}: {}", login.userId(), accountId,
                    claim.ignoredBecause());
        }
        locks.withLock(accountId, () -> {
            AccountRecords records = accountOf(accountId);
            UserView user = userOf(records, login.userId());
            List<PeerView> devices = UserGroupMoves.devicesOf(records, user);
            if (login.peerId() != null && devices.stream().noneMatch(peer -> peer.id().equals(login.peerId()))) {
                throw CommandRejectedException.notFound("peer not found among the user's devices");
            }
            JwtGroupsSync.Plan plan = ClaimedGroups.plan(records, user, claim);
            List<Object> steps = new ArrayList<>(ClaimedGroups.creations(records, plan));
            steps.add(new LogUserInCommand(user.id(), accountId, login.peerId(), claim, plan.autoGroups(), at));
            steps.addAll(UserGroupMoves.peerMoves(records, user, plan.joined(), plan.left()));
            if (login.peerId() != null) {
                steps.add(new RenewPeerLoginCommand(login.peerId(), accountId, user.id(), at));
            }
            commands.sendAtomically(steps, initiator);
        });
    }

    private static GroupsClaim claimOrNone(GroupsClaim claim) {
        return claim == null ? GroupsClaim.of(null) : claim;
    }

    private AccountRecords accountOf(AccountId accountId) {
        return directory.account(accountId)
                .orElseThrow(() -> CommandRejectedException.notFound("account not found"));
    }

    private static UserView userOf(AccountRecords records, UserId userId) {
        return records.user(Required.present(userId, "user"))
                .orElseThrow(() -> CommandRejectedException.notFound("user not found"));
    }
}
