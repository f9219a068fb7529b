package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.InterfaceNames;
import io.netloom.daemon.link.NetworkLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A WireGuard interface run by a wireguard-go child process and configured over its UAPI socket. */
public final class UserspaceWireGuard implements WireGuardDevice {

    private static final Logger log = LoggerFactory.getLogger(UserspaceWireGuard.class);

    private final String name;
    private final UapiClient uapi;
    private final WireGuardGoProcess process;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UserspaceWireGuard(String name, UapiClient uapi, WireGuardGoProcess process) {
        this.name = name;
        this.uapi = uapi;
        this.process = process;
    }

    /**
     * Starts wireguard-go for interface {@code name}, first clearing an interface or control socket
     * of that name left over from a crashed run.
     */
    public static UserspaceWireGuard start(String name) throws IOException {
        InterfaceNames.requireValid(name);
        UapiClient uapi = new UapiClient(name);
        LeftoverInterface.removeIfPresent(name);
        uapi.removeStaleSocket(WireGuardGoProcess.SOCKET_DEADLINE);
        return new UserspaceWireGuard(name, uapi, WireGuardGoProcess.start(name, uapi));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InterfaceKind kind() {
        return InterfaceKind.USERSPACE;
    }

    @Override
    public void configure(byte[] privateKey, int listenPort) throws IOException {
        set(UapiCodec.configureRequest(privateKey, listenPort), "set the private key and listen port " + listenPort);
    }

    @Override
    public int listenPort() throws IOException {
        return UapiCodec.listenPort(uapi.exchange(UapiCodec.GET_REQUEST));
    }

    @Override
    public void upsertPeer(WireGuardPeer peer) throws IOException {
        set(UapiCodec.upsertPeerRequest(peer), "configure peer " + peer.publicKey());
    }

    @Override
    public void removePeer(String publicKey) throws IOException {
        set(UapiCodec.removePeerRequest(publicKey), "remove peer " + publicKey);
    }

    @Override
    public List<PeerStatistics> statistics() throws IOException {
        return UapiCodec.statistics(uapi.exchange(UapiCodec.GET_REQUEST));
    }

    /** Stops wireguard-go, which removes the interface; removes it ourselves if it was killed instead. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        process.stop();
        try {
            NetworkLinks.deleteIfPresent(name);
            Files.deleteIfExists(uapi.socket());
        } catch (IOException e) {
            log.warn("could not remove WireGuard interface {}: {}", name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "UserspaceWireGuard[" + name + "]";
    }

    private void set(String request, String operation) throws IOException {
        // The operation names what failed without quoting the request, which may hold the private key.
        UapiCodec.requireSuccess(uapi.exchange(request), operation + " on " + name);
    }
}
