package io.netloom.server.audit;

import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.audit.chain.ChainPages;
import io.netloom.server.audit.chain.ChainVerification;
import io.netloom.server.audit.chain.ChainVerifier;
import io.netloom.server.audit.chain.ExportLines;
import io.netloom.server.audit.history.HistoryRequests;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's account's raw events with their hash chain, for a SIEM, and the chain's verification. */
@RestController
@Tag(name = "Events", description = "The account's raw event history with a hash chain (ADR 0034)")
public class EventsController {

    private static final String JSONL = "jsonl";

    private final ChainPages pages;
    private final ExportLines lines;
    private final ChainVerifier verifier;

    public EventsController(ChainPages pages, ExportLines lines, ChainVerifier verifier) {
        this.pages = pages;
        this.lines = lines;
        this.verifier = verifier;
    }

    @Operation(summary = "Stream the account's events, oldest first, one JSON object per line",
            description = "Each line holds the event's position in the account's chain, global index, id, type,"
                    + " aggregate id and sequence, time, actor (a user id, a setup key id or system), metadata and"
                    + " payload as stored, and previous_hash and hash: SHA-256 over the previous hash and the"
                    + " stored row (ADR 0034). Owners, admins and auditors only.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE))
    @GetMapping(path = "/api/netloom/events", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public void export(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "RFC 3339 time; events at or after it") @RequestParam(required = false) String from,
            @Parameter(description = "RFC 3339 time; events at or before it") @RequestParam(required = false) String to,
            @Parameter(description = "only jsonl") @RequestParam(required = false, defaultValue = JSONL) String format,
            HttpServletResponse response) throws IOException {
        HistoryRequests.requireReader(caller);
        if (!JSONL.equals(format)) {
            throw new InvalidQueryParameterException("format must be jsonl");
        }
        Instant lower = HistoryRequests.instant("from", from);
        Instant upper = HistoryRequests.instant("to", to);
        HistoryRequests.requireOrdered(lower, upper);
        // Written on the request's own thread, page by page: Tomcat's buffer flushes as it fills, so memory
        // stays bounded without an asynchronous dispatch (which the stateless authentication does not cover).
        response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
        OutputStream out = response.getOutputStream();
        pages.forEach(caller.accountId().value(), lower, upper, link -> lines.write(link, out));
    }

    @Operation(summary = "Recompute the account's hash chain and report its first break",
            description = "ok with the number of events checked, or the first break: position, event id, reason,"
                    + " the hash the chain recorded (expected) and what the stored row gives now (found).")
    @GetMapping("/api/netloom/events/verify")
    public ChainVerification verify(@AuthenticationPrincipal Caller caller) {
        HistoryRequests.requireReader(caller);
        return verifier.verify(caller.accountId().value());
    }
}
