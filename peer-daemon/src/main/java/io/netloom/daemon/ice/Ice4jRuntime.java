package io.netloom.daemon.ice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import org.ice4j.ice.harvest.HarvestConfig;
import org.jitsi.config.JitsiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JVM-wide ice4j configuration, applied once before the first agent is created.
 *
 * <p>ice4j 3.x reads its settings through jitsi-metaconfig from a typesafe config made of system properties over its
 * {@code reference.conf}, and caches every value on first read, so they must be in place before ice4j touches
 * them. The names that work in this version are the new-style ones ({@code ice4j.harvest.use-ipv6}, lists as
 * {@code ice4j.harvest.blocked-interfaces.0=…}); the legacy {@code org.ice4j.ice.harvest.*} names are only read as
 * fallbacks. Values an operator already set with {@code -D} are kept.
 *
 * <p>Host candidates do not come from ice4j's own host harvester (whose interface filters are JVM-wide): see
 * {@link FilteredHostHarvester}, which applies each {@link IceSettings}' allowed/blocked interfaces.
 */
final class Ice4jRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Ice4jRuntime.class);

    /** JUL loggers are weakly referenced: keep the ones whose level we set. */
    private static final java.util.logging.Logger ICE4J_JUL = java.util.logging.Logger.getLogger("org.ice4j");
    private static final java.util.logging.Logger JITSI_JUL = java.util.logging.Logger.getLogger("org.jitsi");
    private static final java.util.logging.Logger JITSI_CONFIG_JUL = java.util.logging.Logger.getLogger("JitsiConfig");
    /** Warns "Can not send message, Connector stopped" whenever an agent is freed while a transaction is pending. */
    private static final java.util.logging.Logger CONNECTOR_JUL = java.util.logging.Logger.getLogger("org.ice4j.stack.Connector");
    /** Warns "Removing connector" with a stack trace whenever an agent's relayed socket is closed under its reader. */
    private static final java.util.logging.Logger NET_ACCESS_JUL =
            java.util.logging.Logger.getLogger("org.ice4j.stack.NetAccessManager");

    private static boolean initialized;

    private Ice4jRuntime() {
    }

    static synchronized void init() {
        if (initialized) {
            return;
        }
        initialized = true;
        // ice4j logs several INFO lines per agent, candidate and pair; keep WARNING unless configured otherwise.
        if (ICE4J_JUL.getLevel() == null && System.getProperty("netloom.ice4j.log-level") == null) {
            ICE4J_JUL.setLevel(Level.WARNING);
        } else if (System.getProperty("netloom.ice4j.log-level") != null) {
            ICE4J_JUL.setLevel(Level.parse(System.getProperty("netloom.ice4j.log-level")));
        }
        for (java.util.logging.Logger logger : new java.util.logging.Logger[] {JITSI_JUL, JITSI_CONFIG_JUL}) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
        for (java.util.logging.Logger logger : new java.util.logging.Logger[] {CONNECTOR_JUL, NET_ACCESS_JUL}) {
            if (logger.getLevel() == null && System.getProperty("netloom.ice4j.log-level") == null) {
                logger.setLevel(Level.SEVERE);
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("ice4j.harvest.use-ipv6", "false");
        defaults.put("ice4j.harvest.use-link-local-addresses", "false");
        // The AWS harvester would query the EC2 metadata address (169.254.169.254) when an agent is created.
        defaults.put("ice4j.harvest.mapping.aws.enabled", "false");
        defaults.put("ice4j.harvest.mapping.aws.force", "false");
        // Gathering (STUN/TURN transactions included) is bounded by this; unanswered servers cost ~6 s anyway.
        defaults.put("ice4j.harvest.timeout", "10 seconds");
        // Sockets are read per selected pair by the proxy (PeerConnection passes useComponentSocket=false too).
        defaults.put("ice4j.use-component-socket", "false");
        defaults.put("ice4j.software", "");
        defaults.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        JitsiConfig.Companion.reloadNewConfig();
        HarvestConfig config = HarvestConfig.config;
        if (config.getEnableAwsHarvester() || config.getUseIpv6()) {
            LOG.warn("ice4j was configured before Netloom could (AWS harvester {}, IPv6 {}); restart with "
                    + "-Dice4j.harvest.mapping.aws.enabled=false -Dice4j.harvest.use-ipv6=false",
                    config.getEnableAwsHarvester(), config.getUseIpv6());
        }
        if (!config.getStunMappingCandidateHarvesterAddresses().isEmpty()) {
            LOG.warn("ice4j.harvest.mapping.stun.addresses is set ({}); those servers are queried for every agent",
                    config.getStunMappingCandidateHarvesterAddresses());
        }
    }
}
