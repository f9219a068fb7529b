package io.netloom.daemon.management;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What the device tells the management server about itself at enrollment. */
public record DeviceInfo(String hostname, String os, String kernelVersion, String daemonVersion) {

    public static DeviceInfo ofThisMachine(String daemonVersion) {
        return new DeviceInfo(localHostname(), System.getProperty("os.name"), System.getProperty("os.version"), daemonVersion);
    }

    private static String localHostname() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
