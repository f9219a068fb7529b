package io.netloom.mapsigning;

/**
 * One map message ready for the wire, signed for its one recipient: a full map ({@code baseSerial}
 * of -1) or a delta from {@code baseSerial} to {@code serial}. Whoever forwards it can drop or delay
 * it, but not change a byte of it unnoticed.
 */
public record SignedMapMessage(long baseSerial, long serial, String text) {

    static final long FULL_MAP = -1;

    public boolean isFullMap() {
        return baseSerial == FULL_MAP;
    }
}
