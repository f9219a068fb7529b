package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Address;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.history.AccessExplainer;
import io.netloom.projections.history.AccessNeutralEvents;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.Explanation;
import io.netloom.projections.history.Naming;
import io.netloom.projections.history.RouteExplainer;
import io.netloom.projections.history.Traffic;
import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Why one peer could or could not reach another (or a network address) at an instant (ADR 0035, decision 6). */
@RestController
@Tag(name = "History", description = "The account's access history, replayed from its events (ADR 0035)")
public class ExplainController {

    private static final Set<String> NEUTRAL = AccessNeutralEvents.payloadTypes();

    private final AccountHistory history;
    private final EventCitations citations;
    private final Directory directory;
    private final Clock clock;

    public ExplainController(AccountHistory history, EventCitations citations, Directory directory, Clock clock) {
        this.history = history;
        this.citations = citations;
        this.directory = directory;
        this.clock = clock;
    }

    @Operation(summary = "Explain whether a peer could reach another peer, or a network address, at an instant",
            description = "allowed is read off the network maps the live calculator gives for the account as its"
                    + " events left it at that instant. When allowed: each policy rule that grants it, the"
                    + " direction (forward, or bidirectional_reverse), the group memberships it matched through, each"
                    + " with the event that added it, and the policy's last change; for an address, the routes and"
                    + " routing peers. When denied: every reason that applies (source_not_approved,"
                    + " destination_login_expired, source_owner_blocked, no_rule, policy_disabled, rule_disabled,"
                    + " wrong_direction, protocol_not_covered, port_not_covered, route_not_granted, ...), with the"
                    + " event behind it where there is one. Owners, admins and auditors only.")
    @GetMapping("/api/netloom/explain")
    public ExplanationView explain(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "the peer that starts the traffic") @RequestParam(required = false) String source,
            @Parameter(description = "a peer id, or an IPv4 address reached through a route")
            @RequestParam(required = false) String destination,
            @Parameter(description = "tcp, udp, icmp or all; any traffic when absent")
            @RequestParam(required = false) String protocol,
            @Parameter(description = "1..65535, with tcp or udp only") @RequestParam(required = false) String port,
            @Parameter(description = "RFC 3339 time; now when absent") @RequestParam(required = false) String at) {
        HistoryRequests.requireReader(caller);
        Traffic traffic = traffic(protocol, port);
        Instant instant = Optional.ofNullable(HistoryRequests.instant("at", at)).orElseGet(clock::instant);
        AccountId account = caller.accountId();
        String address = addressOf(destination);
        HistoricState state = stateFor(account, instant, source, destination, address);
        PeerId from = HistoryRequests.peer(state, "source", source).node().id();
        Naming names = new DirectoryNaming(directory.account(account));
        Optional<PeerId> peerAtAddress = address == null ? Optional.empty() : peerAt(state.state(), address);
        if (address != null && peerAtAddress.isEmpty()) {
            Explanation explanation = RouteExplainer.explain(state.state(), from, address, traffic, names);
            return ExplanationView.of(explanation, new ExplanationView.Question(instant, from, null, address,
                    protocol, traffic.port()), account, names, citations);
        }
        PeerId to = peerAtAddress.orElseGet(() -> HistoryRequests.peer(state, "destination", destination).node().id());
        if (to.equals(from)) {
            throw new InvalidQueryParameterException("source and destination must be different peers");
        }
        Explanation explanation = AccessExplainer.explain(state.state(), from, to, traffic, names);
        return ExplanationView.of(explanation, new ExplanationView.Question(instant, from, to, null, protocol,
                traffic.port()), account, names, citations);
    }

    /**
     * Names come from the directory and presence decides nothing, so neither kind of event needs reading. Between
     * two peers, the account as far as they are concerned is all it takes (decision 10): their own events and
     * snapshot buckets, not every peer's. A route's answer depends on its routing peers, and finding the peer at
     * an address on every peer: those read the whole account.
     */
    private HistoricState stateFor(AccountId account, Instant instant, String source, String destination,
            String address) {
        Optional<PeerId> from = peerId(source);
        Optional<PeerId> to = peerId(destination);
        if (address == null && from.isPresent() && to.isPresent()) {
            return history.existingForPair(account, "at", instant, NEUTRAL, from.get(), to.get());
        }
        return history.existingAt(account, "at", instant, EventSelection.skipping(NEUTRAL));
    }

    /** The id, or empty when absent or malformed: then the peer lookups that follow refuse it with their reason. */
    private static Optional<PeerId> peerId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PeerId(id));
        } catch (CommandRejectedException malformed) {
            return Optional.empty();
        }
    }

    private static Traffic traffic(String protocol, String port) {
        Integer number = null;
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                throw new InvalidQueryParameterException("port must be a number within 1..65535");
            }
            number = Integer.parseInt(port);
        }
        try {
            return new Traffic(protocol, number);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidQueryParameterException(invalid.getMessage());
        }
    }

    /** The destination as an IPv4 address, or null when it is not one (then it names a peer). */
    private static String addressOf(String destination) {
        if (destination == null) {
            throw new InvalidQueryParameterException("destination is required: a peer id or an IPv4 address");
        }
        try {
            return Ipv4Address.requireValid(destination, "destination");
        } catch (CommandRejectedException notAnAddress) {
            return null;
        }
    }

    private static Optional<PeerId> peerAt(AccountState state, String address) {
        return state.peers().values().stream().map(AccountState.PeerRecord::node)
                .filter(node -> node.overlayIp().equals(address)).map(node -> node.id()).findFirst();
    }
}
