package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessNeutralEvents;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Point-in-time reachability (issue 14, capability 1; ADR 0035 decision 5). */
@RestController
@Tag(name = "History", description = "The account's access history, replayed from its events (ADR 0035)")
public class ReachabilityController {

    private static final Set<String> PRESENCE = AccessNeutralEvents.presencePayloadTypes();

    private final AccountHistory history;
    private final EventCitations citations;
    private final ReachabilityWriter writer;
    private final Clock clock;

    public ReachabilityController(AccountHistory history, EventCitations citations, ReachabilityWriter writer,
            Clock clock) {
        this.history = history;
        this.citations = citations;
        this.writer = writer;
        this.clock = clock;
    }

    @Operation(summary = "The flows allowed at an instant, for the whole account or one peer",
            description = "Replays the account's events up to `at` and reads the maps the live network-map"
                    + " calculator gives for that state. Answers {at, as_of: the last event at or before at that can change the answer, presence aside (position,"
                    + " time, event_id, kind, actor, resource), flows: [{source, destination: {id, name, ip} as the"
                    + " peer was then, protocol, ports}], routes: [{source, network, routing_peer, protocol, ports}]}:"
                    + " a flow S→D is an inbound rule in D's map from S's address; a route is an entry of S's routes"
                    + " with a forward rule of the routing peer from S to the network. With `peer`, only the flows and"
                    + " routes it starts, receives or forwards. Streamed. Owners, admins and auditors only; a time in"
                    + " the future or before the account existed is a 400; a peer unknown then is a 404.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE))
    @GetMapping(path = "/api/netloom/reachability", produces = MediaType.APPLICATION_JSON_VALUE)
    public void reachability(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "RFC 3339 time; now when absent") @RequestParam(required = false) String at,
            @Parameter(description = "a peer id: only its flows and routes") @RequestParam(required = false)
                    String peer,
            HttpServletResponse response) throws IOException {
        HistoryRequests.requireReader(caller);
        Instant instant = at == null ? clock.instant() : HistoryRequests.instant("at", at);
        AccountId account = caller.accountId();
        // Presence is not part of the answer; skipping it reads a fraction of a busy account's events.
        HistoricState state = history.existingAt(account, "at", instant, EventSelection.skipping(PRESENCE));
        Reachability reachability;
        if (peer == null) {
            reachability = Reachability.of(state);
        } else {
            HistoryRequests.peer(state, "peer", peer);
            reachability = Reachability.ofPeer(state, new PeerId(peer));
        }
        // Written on the request's own thread, as the event export is (EventsController).
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        writer.write(instant, citations.cite(account, state.lastEvent()), reachability, response.getOutputStream());
    }
}
