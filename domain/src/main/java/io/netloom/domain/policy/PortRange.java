package io.netloom.domain.policy;

import io.netloom.domain.common.CommandRejectedException;

/** An inclusive port range; a single port is a range with {@code start == end}. */
public record PortRange(int start, int end) {

    private static final int MIN_PORT = 1;
    private static final int MAX_PORT = 65535;

    public PortRange {
        if (start < MIN_PORT || end > MAX_PORT || start > end) {
            throw CommandRejectedException.invalid(
                    "port range must lie within " + MIN_PORT + ".." + MAX_PORT + " and start at or before its end");
        }
    }
}
