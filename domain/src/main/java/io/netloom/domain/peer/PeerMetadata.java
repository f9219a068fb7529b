package io.netloom.domain.peer;

import io.netloom.domain.common.Names;
import io.netloom.domain.common.Texts;

/** What the peer reports about itself at login; informational, never trusted for access decisions. */
public record PeerMetadata(String hostname, String os, String kernelVersion, String daemonVersion) {

    public PeerMetadata {
        hostname = Names.requireValid(hostname, "hostname");
        os = Texts.optional(os, "OS", Names.MAX_LENGTH);
        kernelVersion = Texts.optional(kernelVersion, "kernel version", Names.MAX_LENGTH);
        daemonVersion = Texts.optional(daemonVersion, "daemon version", Names.MAX_LENGTH);
    }
}
