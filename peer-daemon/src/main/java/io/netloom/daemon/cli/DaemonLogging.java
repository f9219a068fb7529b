package io.netloom.daemon.cli;

import java.util.logging.Level;

/** Log lines for the daemon: timestamps to stderr (the log file in the background), ice4j's chatter only when it matters. */
final class DaemonLogging {

    /** Held so the levels stick: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger ICE4J = java.util.logging.Logger.getLogger("org.ice4j");
    private static final java.util.logging.Logger JITSI = java.util.logging.Logger.getLogger("org.jitsi");

    private DaemonLogging() {
    }

    static void configure() {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Level iceLevel = Level.parse(System.getProperty("netloom.ice4j.log-level", "WARNING"));
        ICE4J.setLevel(iceLevel);
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            if (handler.getLevel().intValue() > iceLevel.intValue()) {
                handler.setLevel(iceLevel);
            }
        }
        JITSI.setLevel(Level.WARNING);
    }
}
