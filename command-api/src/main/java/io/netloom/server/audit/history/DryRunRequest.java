package io.netloom.server.audit.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The changes to try, applied in order as if sent one after another. */
public record DryRunRequest(
        @Schema(description = "1 to " + DryRunRequest.MAX_CHANGES + " changes, applied in order")
        List<ProposedChange> changes) {

    /** Enough for any batch an admin reviews at once; each change costs little, the maps are computed once. */
    public static final int MAX_CHANGES = 100;
}
