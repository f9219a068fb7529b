package io.netloom.domain.peer;

import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.util.Base64;

final class TestPeers {

    static final PeerId PEER = new PeerId("peer-1");
    static final WireguardPublicKey PUBLIC_KEY =
            new WireguardPublicKey(Base64.getEncoder().encodeToString(new byte[32]));
    static final PeerMetadata METADATA = new PeerMetadata("laptop", "linux", "6.8.0", "0.1.0");
    static final String NAME = "laptop";
    static final DnsLabel LABEL = new DnsLabel("laptop");
    static final String IP = "100.64.0.1";
    static final SetupKeyId SETUP_KEY = new SetupKeyId("setup-key-1");
    static final UserId USER = new UserId("user-1");

    private TestPeers() {
    }

    static Enroll enroll() {
        return new Enroll();
    }

    static PeerEnrolledEvent enrolled() {
        return enroll().event();
    }

    static PeerEnrolledEvent enrolledPendingApproval() {
        return enroll().approvalRequired(true).event();
    }

    /** Starts from the state {@link #enrolled()} leaves the peer in, so an unmodified build changes nothing. */
    static Update update() {
        return new Update();
    }

    static final class Enroll {
        private String name = NAME;
        private String overlayIp = IP;
        private WireguardPublicKey publicKey = PUBLIC_KEY;
        private UserId byUser;
        private SetupKeyId withSetupKey = SETUP_KEY;
        private boolean approvalRequired;
        private ExtraDnsLabels extraDnsLabels = ExtraDnsLabels.NONE;
        private boolean allowExtraDnsLabels;

        Enroll name(String value) {
            name = value;
            return this;
        }

        Enroll overlayIp(String value) {
            overlayIp = value;
            return this;
        }

        Enroll publicKey(WireguardPublicKey value) {
            publicKey = value;
            return this;
        }

        Enroll by(UserId user, SetupKeyId setupKey) {
            byUser = user;
            withSetupKey = setupKey;
            return this;
        }

        Enroll approvalRequired(boolean value) {
            approvalRequired = value;
            return this;
        }

        Enroll extraDnsLabels(boolean allowed, String... names) {
            allowExtraDnsLabels = allowed;
            extraDnsLabels = ExtraDnsLabels.of(java.util.List.of(names));
            return this;
        }

        EnrollPeerCommand command() {
            return new EnrollPeerCommand(PEER, ACCOUNT, publicKey, METADATA, name, overlayIp, LABEL, byUser,
                    withSetupKey, approvalRequired, true, false, NOW, extraDnsLabels, allowExtraDnsLabels);
        }

        PeerEnrolledEvent event() {
            return new PeerEnrolledEvent(PEER, ACCOUNT, publicKey, METADATA, name, overlayIp, LABEL, byUser,
                    withSetupKey, approvalRequired, true, false, NOW, extraDnsLabels, allowExtraDnsLabels);
        }
    }

    static final class Update {
        private AccountId accountId = ACCOUNT;
        private String name = NAME;
        private DnsLabel dnsLabel = LABEL;
        private boolean sshEnabled;
        private boolean loginExpirationEnabled = true;
        private boolean inactivityExpirationEnabled;
        private boolean approvalRequired;
        private String overlayIp = IP;

        Update accountId(AccountId value) {
            accountId = value;
            return this;
        }

        Update name(String value) {
            name = value;
            return this;
        }

        Update dnsLabel(DnsLabel value) {
            dnsLabel = value;
            return this;
        }

        Update sshEnabled(boolean value) {
            sshEnabled = value;
            return this;
        }

        Update loginExpirationEnabled(boolean value) {
            loginExpirationEnabled = value;
            return this;
        }

        Update inactivityExpirationEnabled(boolean value) {
            inactivityExpirationEnabled = value;
            return this;
        }

        Update approvalRequired(boolean value) {
            approvalRequired = value;
            return this;
        }

        Update overlayIp(String value) {
            overlayIp = value;
            return this;
        }

        UpdatePeerCommand command() {
            return new UpdatePeerCommand(PEER, accountId, name, dnsLabel, sshEnabled, loginExpirationEnabled,
                    inactivityExpirationEnabled, approvalRequired, overlayIp);
        }
    }
}
