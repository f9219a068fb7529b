package io.netloom.gateway;

/**
 * The map a peer says at sign-in that it holds: its serial ({@code -1}: none) and the model that serial counts in
 * ({@code null}: a daemon from before models, or a map from a gateway that named none). Deltas can continue it only
 * where the serial counts in this gateway's own model (ADR 0057): another process's serial N names other content.
 */
record HeldMap(long serial, String model) {

    static final HeldMap NONE = new HeldMap(-1, null);

    /** Whether deltas of {@code currentModel} can continue this map; otherwise the peer needs the full map. */
    boolean continuesIn(String currentModel) {
        return serial >= 0 && currentModel.equals(model);
    }
}
