package io.netloom.domain.dns;

import io.netloom.domain.common.WireNamed;

/** The record types of a custom zone, as NetBird offers them. */
public enum DnsRecordType implements WireNamed {
    A("A"),
    AAAA("AAAA"),
    CNAME("CNAME");

    private final String wireName;

    DnsRecordType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static DnsRecordType fromWireName(String wireName) {
        return WireNamed.fromWireName(values(), wireName, "record type");
    }
}
