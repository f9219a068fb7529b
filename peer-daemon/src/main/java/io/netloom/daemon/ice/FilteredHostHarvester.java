package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.AbstractCandidateHarvester;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers UDP host candidates on the IPv4 addresses of the interfaces one {@link IceSettings} allows, on ephemeral
 * ports. Replaces ice4j's built-in host harvester (the agent runs with dynamic ports off), because that one
 * filters interfaces with JVM-wide configuration. Loopback, down, link-local and non-IPv4 addresses are skipped.
 * Each candidate's socket is a {@link DataPlaneSocket}, so that a selected path can take its datagrams directly.
 */
final class FilteredHostHarvester extends AbstractCandidateHarvester {

    private static final Logger LOG = LoggerFactory.getLogger(FilteredHostHarvester.class);

    private final IceSettings settings;
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<TransportAddress, DataPlaneSocket> dataPlaneSockets = new ConcurrentHashMap<>();

    FilteredHostHarvester(IceSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        List<LocalCandidate> harvested = new ArrayList<>();
        Enumeration<NetworkInterface> interfaces;
        try {
            interfaces = NetworkInterface.getNetworkInterfaces();
        } catch (SocketException e) {
            failures.add("cannot list network interfaces: " + e.getMessage());
            return harvested;
        }
        while (interfaces != null && interfaces.hasMoreElements()) {
            NetworkInterface iface = interfaces.nextElement();
            String name = iface.getName();
            try {
                if (iface.isLoopback() || !iface.isUp()) {
                    continue;
                }
            } catch (SocketException e) {
                continue;
            }
            if (!settings.interfaceUsable(name)) {
                skipped.add(name);
                continue;
            }
            for (InetAddress address : java.util.Collections.list(iface.getInetAddresses())) {
                if (!(address instanceof Inet4Address) || address.isLoopbackAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    continue;
                }
                try {
                    DataPlaneSocket dataPlane = new DataPlaneSocket(new InetSocketAddress(address, 0));
                    MultiplexingDatagramSocket socket;
                    try {
                        socket = new MultiplexingDatagramSocket(dataPlane);
                    } catch (IOException | RuntimeException e) {
                        dataPlane.close();
                        throw e;
                    }
                    IceUdpSocketWrapper wrapper = new IceUdpSocketWrapper(socket);
                    HostCandidate candidate = new HostCandidate(wrapper, component, Transport.UDP);
                    candidate.setVirtual(iface.isVirtual());
                    if (!component.addLocalCandidate(candidate)) {
                        wrapper.close();
                        continue;
                    }
                    // STUN (checks, STUN server responses) is demultiplexed to the agent's stack.
                    candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                    if (component.getComponentSocket() != null) {
                        component.getComponentSocket().add(wrapper);
                    }
                    harvested.add(candidate);
                    dataPlaneSockets.put(candidate.getTransportAddress(), dataPlane);
                } catch (IOException | RuntimeException e) {
                    failures.add("cannot bind UDP on " + address.getHostAddress() + " (" + name + "): " + e.getMessage());
                    LOG.debug("host candidate on {} failed", address, e);
                }
            }
        }
        return harvested;
    }

    /**
     * The addresses of {@code component}'s host candidates: which network the device is on, as far as
     * {@link RelayTransportMemory} is concerned (another network, another address).
     */
    static Set<String> hostAddresses(Component component) {
        return component.getLocalCandidates().stream()
                .filter(candidate -> candidate.getType() == CandidateType.HOST_CANDIDATE)
                .map(candidate -> candidate.getTransportAddress().getHostAddress())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The address of {@code component}'s first host candidate, {@code null} when it has none. */
    static InetAddress firstHostAddress(Component component) {
        return component.getLocalCandidates().stream()
                .filter(candidate -> candidate.getType() == CandidateType.HOST_CANDIDATE)
                .map(candidate -> candidate.getTransportAddress().getAddress())
                .findFirst().orElse(null);
    }

    /** The socket under the host candidate at {@code address}, or {@code null}. */
    DataPlaneSocket dataPlaneSocket(TransportAddress address) {
        return dataPlaneSockets.get(address);
    }

    /** Closes every socket this harvester created (ice4j's free does not always reach them). */
    void closeSockets() {
        dataPlaneSockets.values().forEach(DatagramSocket::close);
    }

    /** Lets every host socket deliver data from these remote addresses until a path is attached. */
    void expect(InetSocketAddress[] remotes, WireGuardProxy proxy) {
        DataPlaneSocket.Early early = new DataPlaneSocket.Early(remotes, proxy);
        dataPlaneSockets.values().forEach(socket -> socket.expect(early));
    }

    /** Interfaces left out by the allowed/blocked lists during the last harvest. */
    List<String> skippedInterfaces() {
        return List.copyOf(skipped);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
