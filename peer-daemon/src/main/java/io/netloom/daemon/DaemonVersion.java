package io.netloom.daemon;

/** The daemon's version, from the jar's manifest when built by Maven. */
public final class DaemonVersion {

    private DaemonVersion() {
    }

    public static String current() {
        String version = DaemonVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
