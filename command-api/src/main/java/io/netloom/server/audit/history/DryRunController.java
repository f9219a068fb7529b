package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.history.AccessChange;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.server.api.CallerAccounts;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What proposed changes would do to the caller's account's access, with nothing stored (ADR 0035, decision 8). */
@RestController
@Tag(name = "History", description = "Who could reach what, why, and what a change would do (ADR 0035)")
public class DryRunController {

    private final CallerAccounts accounts;
    private final NetworkMaps maps;
    private final ProposedChanges changes;

    public DryRunController(CallerAccounts accounts, NetworkMaps maps, ProposedChanges changes) {
        this.accounts = accounts;
        this.maps = maps;
        this.changes = changes;
    }

    @Operation(summary = "Try changes to policies, group memberships, routes and user blocks without making them",
            description = "Applies the changes, in order, to a copy of the account's network model as the peers hold"
                    + " it now and answers the flows (source peer, destination peer, protocol, ports) that would be"
                    + " gained and lost and the peers whose map would change. Each change is read and refused"
                    + " exactly as its real endpoint would; a refusal names the change, e.g. \"changes[2]: group"
                    + " x does not exist\", with the endpoint's status (404 unknown id, 422 invalid, 409, 412), and"
                    + " nothing is computed. 1 to 100 changes. Nothing is stored and no event recorded: owners,"
                    + " admins and auditors may run it.")
    @PostMapping("/api/netloom/dry-run")
    public DryRunResult dryRun(@AuthenticationPrincipal Caller caller, @RequestBody DryRunRequest request) {
        HistoryRequests.requireReader(caller);
        List<ProposedChange> proposed = request.changes();
        if (proposed == null || proposed.isEmpty()) {
            throw CommandRejectedException.invalid("changes must list at least one change");
        }
        if (proposed.size() > DryRunRequest.MAX_CHANGES) {
            throw CommandRejectedException.invalid("at most " + DryRunRequest.MAX_CHANGES + " changes per dry run");
        }
        AccountRecords records = accounts.of(caller);
        // The live model, copied under its lock: "before" is exactly what the peers hold now.
        AccountState state = maps.copyInputs(caller.accountId(), AccountState::new)
                .orElseThrow(() -> CommandRejectedException.notFound("account not found"));
        AccountSnapshot before = state.snapshot();
        changes.applyAll(records, caller, proposed, state);
        AccountSnapshot after = state.snapshot();
        AccessChange change = AccessChange.between(before, after);
        return new DryRunResult(flows(change.gained(), records, after), flows(change.lost(), records, before),
                change.mapsChanged().stream().map(PeerId::value).toList(), proposed.size());
    }

    private static List<DryRunResult.Flow> flows(List<AllowedFlow> flows, AccountRecords records,
            AccountSnapshot snapshot) {
        return flows.stream().map(flow -> new DryRunResult.Flow(peer(flow.source(), records, snapshot),
                peer(flow.destination(), records, snapshot), flow.protocol(), flow.ports())).toList();
    }

    /** Named as the directory names the peer; by its DNS label should the directory not know it yet. */
    private static DryRunResult.Peer peer(PeerId id, AccountRecords records, AccountSnapshot snapshot) {
        String name = records.peer(id).map(PeerView::name).orElseGet(() -> {
            PeerNode node = snapshot.peers().get(id);
            return node == null ? "" : node.dnsLabel();
        });
        return new DryRunResult.Peer(id.value(), name);
    }
}
