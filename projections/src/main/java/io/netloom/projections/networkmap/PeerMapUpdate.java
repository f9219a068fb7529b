package io.netloom.projections.networkmap;

import io.netloom.domain.ids.PeerId;

/** A change to one peer's network map. */
public record PeerMapUpdate(PeerId peer, MapDelta delta) {
}
