package io.netloom.daemon.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The operating system's DNS configuration, pointed at the peer's resolver while the map lets the daemon manage it
 * and put back as it was afterwards: systemd-resolved's settings of the overlay link ({@link ResolvedLink}), or
 * /etc/resolv.conf ({@link ResolvConfFile}).
 */
public interface SystemDns {

    /**
     * Points the system at the resolver; does nothing that is already so.
     *
     * @param namesChanged whether the answers the resolver gives may have changed, so caches in front of it must go
     */
    void apply(SystemDnsSettings settings, boolean namesChanged) throws IOException;

    /** Puts the system's DNS back as it was before {@link #apply}; nothing when it was not changed. */
    void restore() throws IOException;

    /**
     * Looks whether another program changed the system's DNS since {@link #apply}, and points it at the resolver
     * again if so.
     *
     * @return whether {@link #originalResolvers} changed
     */
    boolean recheck() throws IOException;

    /** The resolvers the system used without the daemon: where names no rule of the map takes go. */
    List<InetSocketAddress> originalResolvers();

    /** How the system is pointed at the resolver, or would be, for {@code netloom status}. */
    String describe();
}
