package io.netloom.daemon.firewall;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The routing peer's side of {@link RoutingPeerForwardingTest}, run in the router's namespace so that the daemon's
 * own code writes that namespace's forwarding switch and table. Each line on stdin names a script file and whether
 * it forwards; it is applied as the daemon applies it (table first, then the switch) and answered with
 * {@code applied}. At the end of stdin it puts forwarding back and removes the table, as the daemon does on the way
 * out.
 */
final class RoutingPeerProcess {

    static final String APPLIED = "applied";
    static final String DONE = "done";

    private RoutingPeerProcess() {
    }

    /** @param args the overlay interface, and where the forwarding value from before is kept */
    public static void main(String[] args) throws Exception {
        Ipv4Forwarding forwarding = new Ipv4Forwarding(Ipv4Forwarding.SYSCTL, Path.of(args[1]));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] command = line.split(" ");
            Nftables.apply(Files.readString(Path.of(command[0])));
            if (Boolean.parseBoolean(command[1])) {
                forwarding.enable();
            } else {
                forwarding.restore();
            }
            System.out.println(APPLIED);
        }
        forwarding.restore();
        Nftables.remove(args[0]);
        System.out.println(DONE);
    }
}
