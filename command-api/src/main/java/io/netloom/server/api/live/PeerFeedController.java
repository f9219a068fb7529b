package io.netloom.server.api.live;

import io.netloom.server.api.CallerAccounts;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The console's Peers page, kept current without polling. */
@RestController
@Tag(name = "Peers", description = "Live views of the account's peers")
public class PeerFeedController {

    public static final String PATH = "/api/netloom/peers/live";

    private final CallerAccounts accounts;
    private final PeerFeed feed;
    private final Duration lifetime;

    public PeerFeedController(CallerAccounts accounts, PeerFeed feed, IdentityProperties identity) {
        this.accounts = accounts;
        this.feed = feed;
        // A stream lives no longer than the tokens it may be opened with: the client reconnects, authenticated anew.
        this.lifetime = identity.accessTokenTtl();
    }

    @Operation(summary = "Stream changes of the peers the caller may see, as server-sent events",
            description = "First `event: ready` (data `{}`) once subscribed: fetch `GET /api/peers` after it and apply"
                    + " the events on top. Then `event: peer` whose data is the peer exactly as `GET /api/peers/{id}`"
                    + " answers it (with `netloom_connections`), whenever it may have changed (enrolled, updated,"
                    + " connected or disconnected, approved, login expired or renewed, groups changed, its user blocked,"
                    + " new path reports); changes within 200 ms are sent once. `event: peer-removed` with data"
                    + " `{\"id\": \"...\"}` when a peer was deleted. A comment line every 15 s keeps proxies from"
                    + " closing the stream. Regular users see only the peers they enrolled. The stream ends after the"
                    + " access token lifetime (netloom.identity.access-token-ttl), or early when the client reads too"
                    + " slowly, or when its user is blocked, deleted or given another role or its token is deleted:"
                    + " reconnect and fetch the list again.",
            responses = @ApiResponse(responseCode = "200", description = "the event stream",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string"))))
    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> live(@AuthenticationPrincipal Caller caller) {
        accounts.of(caller);
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        feed.subscribe(caller, emitter);
        // nginx buffers responses unless told not to, which would hold events back.
        return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
    }
}
