package io.netloom.server.directorysync;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.BlockUserCommand;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.JwtGroupsSync;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.UnblockUserCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.UserView;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.directorysync.DirectoryReconciliation.Access;
import io.netloom.server.directorysync.DirectoryReconciliation.Change;
import io.netloom.server.directorysync.DirectoryReconciliation.LinkedUser;
import io.netloom.server.login.ClaimedGroups;
import io.netloom.server.login.UserGroupMoves;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One run of a provider's directory sync (ADR 0028): read the directory (outside any lock: it is the slow part),
 * then reconcile the users the provider's people signed in as against it and send each user's changes under the
 * account's lock, in one transaction per user, as {@code directory-sync:<provider>}. A user whose change fails does
 * not stop the others; a directory that cannot be read changes nothing.
 */
@Service
public class DirectorySync {

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);

    private final Directory directory;
    private final Commands commands;
    private final AccountLocks locks;
    private final Clock clock;

    public DirectorySync(Directory directory, Commands commands, AccountLocks locks, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.locks = locks;
        this.clock = clock;
    }

    /** @throws DirectoryUnavailableException when the directory could not be read: nothing was changed */
    public DirectorySyncOutcome run(String providerId, AccountId accountId, DirectorySource source)
            throws DirectoryUnavailableException {
        long started = System.nanoTime();
        boolean withGroups = directory.account(accountId)
                .map(records -> records.account().settings().jwtGroups().syncsGroups()).orElse(false);
        Set<String> readFor = Set.copyOf(directory.usersLinkedTo(accountId, providerId).keySet());
        DirectorySnapshot snapshot = source.read(readFor, withGroups);
        Initiator initiator = new Initiator("directory-sync:" + providerId);
        Tally tally = apply(providerId, accountId, readFor, snapshot, initiator);
        return new DirectorySyncOutcome(providerId, accountId, Instant.now(clock),
                (System.nanoTime() - started) / 1_000_000, snapshot.size(), tally.linked, tally.blocked,
                tally.unblocked, tally.groupsChanged, tally.failed, null);
    }

    /**
     * @param readFor the subjects the snapshot answers for: a person linked while the directory was read (a sign-in
     *     meanwhile) may be missing from a listing that had passed them, and is left for the next run
     */
    private Tally apply(String providerId, AccountId accountId, Set<String> readFor, DirectorySnapshot snapshot,
            Initiator initiator) {
        Tally tally = new Tally();
        Optional<AccountRecords> account = directory.account(accountId);
        if (account.isEmpty()) {
            return tally;
        }
        AccountRecords records = account.get();
        List<LinkedUser> linked = new ArrayList<>();
        for (Map.Entry<String, UserId> link : directory.usersLinkedTo(accountId, providerId).entrySet()) {
            if (!readFor.contains(link.getKey())) {
                continue;
            }
            records.user(link.getValue()).ifPresent(user -> linked.add(new LinkedUser(link.getKey(), user)));
        }
        tally.linked = linked.size();
        boolean syncGroups = records.account().settings().jwtGroups().syncsGroups();
        for (Change change : DirectoryReconciliation.changes(linked, snapshot, syncGroups)) {
            try {
                // One account turn (and transaction) per person: a failure leaves the others' changes standing, and
                // no transaction outlives the store's gap timeout however large the directory (ADR 0056).
                locks.withLock(accountId, () -> applyOne(records, change, initiator, tally));
            } catch (RuntimeException e) {
                tally.failed++;
                log.warn("Directory sync with {} could not change user {}: {}", providerId, change.user().id(),
                        e.getMessage());
            }
        }
        return tally;
    }

    private void applyOne(AccountRecords records, Change change, Initiator initiator, Tally tally) {
        // Each user's steps read the read model as the previous user's left it: a group one creates is the next's.
        UserView user = records.user(change.user().id()).orElse(change.user());
        List<Object> steps = new ArrayList<>();
        boolean groupsMoved = false;
        if (change.groups().isPresent()) {
            GroupsClaim claim = change.groups().get();
            if (claim.isIgnored()) {
                log.warn("Directory sync: ignoring the groups of user {}: {}", user.id(), claim.ignoredBecause());
            }
            JwtGroupsSync.Plan plan = ClaimedGroups.plan(records, user, claim);
            if (!plan.groupsToCreate().isEmpty() || !plan.autoGroups().equals(user.autoGroups())) {
                steps.addAll(ClaimedGroups.creations(records, plan));
                steps.addAll(UserGroupMoves.to(records, user, plan.autoGroups()));
                groupsMoved = true;
            }
        }
        if (change.access() == Access.BLOCK) {
            steps.add(new BlockUserCommand(user.id(), user.accountId(), OffboardingCause.DIRECTORY_SYNC));
        } else if (change.access() == Access.UNBLOCK) {
            steps.add(new UnblockUserCommand(user.id(), user.accountId(), OffboardingCause.DIRECTORY_SYNC));
        }
        if (steps.isEmpty()) {
            return;
        }
        commands.sendAtomically(steps, initiator);
        if (change.access() == Access.BLOCK) {
            tally.blocked++;
            log.info("Directory sync blocked user {}: disabled or gone in the directory", user.id());
        } else if (change.access() == Access.UNBLOCK) {
            tally.unblocked++;
            log.info("Directory sync unblocked user {}: enabled again in the directory", user.id());
        }
        if (groupsMoved) {
            tally.groupsChanged++;
        }
    }

    private static final class Tally {
        private int linked;
        private int blocked;
        private int unblocked;
        private int groupsChanged;
        private int failed;
    }
}
