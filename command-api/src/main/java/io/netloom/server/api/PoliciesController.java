package io.netloom.server.api;

import io.netloom.api.netbird.Policy;
import io.netloom.api.netbird.PolicyRequest;
import io.netloom.api.netbird.PolicyRule;
import io.netloom.api.netbird.RulePortRange;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.policy.CreatePolicyCommand;
import io.netloom.domain.policy.DeletePolicyCommand;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.UpdatePolicyCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PolicyView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/policies: accept rules between groups of the caller's account. */
@RestController
@RequestMapping("/api/policies")
public class PoliciesController {

    static final String ACCEPT = "accept";

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public PoliciesController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public List<Policy> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return records.policies().stream().map(policy -> toPolicy(policy, records)).toList();
    }

    @GetMapping("/{policyId}")
    public Policy get(@AuthenticationPrincipal Caller caller, @PathVariable String policyId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return toPolicy(existing(records, policyId), records);
    }

    @PostMapping
    public Policy create(@AuthenticationPrincipal Caller caller, @RequestBody PolicyRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        PolicyId id = PolicyId.random();
        locks.withLock(caller.accountId(), () -> commands.send(new CreatePolicyCommand(id, caller.accountId(),
                Required.field(request.name(), "name"), PolicyRules.description(request.description()),
                Required.field(request.enabled(), "enabled"), PolicyRules.from(records, request, Optional.empty())),
                Initiators.of(caller)));
        return toPolicy(records.policy(id).orElseThrow(), records);
    }

    @PutMapping("/{policyId}")
    public Policy update(@AuthenticationPrincipal Caller caller, @PathVariable String policyId,
            @RequestBody PolicyRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        PolicyView policy = existing(records, policyId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdatePolicyCommand(policy.id(),
                caller.accountId(), Required.field(request.name(), "name"), PolicyRules.description(request.description()),
                Required.field(request.enabled(), "enabled"), PolicyRules.from(records, request, Optional.of(policy))),
                Initiators.of(caller)));
        return toPolicy(records.policy(policy.id()).orElseThrow(), records);
    }

    @DeleteMapping("/{policyId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String policyId) {
        Access.requireAdmin(caller);
        PolicyView policy = existing(accounts.of(caller), policyId);
        commands.send(new DeletePolicyCommand(policy.id(), caller.accountId()), Initiators.of(caller));
        return Map.of();
    }

    /** Rules given as single ports are shown as NetBird's "ports" list; any real range shows them all as ranges. */
    private static List<String> singlePorts(List<PortRange> ranges) {
        if (ranges.isEmpty() || ranges.stream().anyMatch(range -> range.start() != range.end())) {
            return null;
        }
        return ranges.stream().map(range -> String.valueOf(range.start())).toList();
    }

    private static PolicyView existing(AccountRecords records, String policyId) {
        return records.policy(new PolicyId(policyId))
                .orElseThrow(() -> CommandRejectedException.notFound("policy not found"));
    }

    private static Policy toPolicy(PolicyView policy, AccountRecords records) {
        List<PolicyRule> rules = policy.rules().stream().map(rule -> new PolicyRule(
                rule.id().value(), rule.name(), rule.description(), rule.enabled(), ACCEPT, rule.bidirectional(),
                rule.protocol().wireName(),
                singlePorts(rule.ports()),
                singlePorts(rule.ports()) == null
                        ? rule.ports().stream().map(range -> new RulePortRange(range.start(), range.end())).toList()
                        : null,
                rule.sources().stream().map(records::groupSummary).flatMap(Optional::stream)
                        .map(NetbirdViews::groupMinimum).toList(),
                rule.destinations().stream().map(records::groupSummary).flatMap(Optional::stream)
                        .map(NetbirdViews::groupMinimum).toList()))
                .toList();
        return new Policy(policy.id().value(), policy.name(), policy.description(), policy.enabled(), List.of(), rules);
    }
}
