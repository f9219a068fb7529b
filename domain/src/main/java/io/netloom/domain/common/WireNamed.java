package io.netloom.domain.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum spelled on the API the way NetBird spells it, independent of the Java constant name. */
public interface WireNamed {

    String wireName();

    /** Shared lookup so every such enum rejects an unknown spelling the same way. */
    static <E extends Enum<E> & WireNamed> E fromWireName(E[] values, String wireName, String what) {
        return Arrays.stream(values)
                .filter(value -> value.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> CommandRejectedException.invalid(what + " must be one of: "
                        + Arrays.stream(values).map(WireNamed::wireName).collect(Collectors.joining(", "))));
    }
}
