package io.netloom.domain.setupkey;

import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.sha256;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

final class TestSetupKeys {

    static final SetupKeyId SETUP_KEY = new SetupKeyId("setup-key-1");
    static final String KEY_HASH = sha256('b');
    static final String MASKED_KEY = "A1B2****";
    static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(30));
    static final GroupId SERVERS = new GroupId("group-servers");
    static final GroupId DEVS = new GroupId("group-devs");
    static final PeerId PEER = new PeerId("peer-1");
    static final PeerId OTHER_PEER = new PeerId("peer-2");
    static final UserId CREATOR = new UserId("user-admin");

    private TestSetupKeys() {
    }

    static Create create() {
        return new Create();
    }

    static SetupKeyCreatedEvent created() {
        return create().event();
    }

    static SetupKeyCreatedEvent createdReusable(int usageLimit) {
        return create().type(SetupKeyType.REUSABLE).usageLimit(usageLimit).event();
    }




    /** Defaults to a one-off key auto-assigning {@link #SERVERS}. */
    static final class Create {
        private String name = "servers";
        private SetupKeyType type = SetupKeyType.ONE_OFF;
        private String keyHash = KEY_HASH;
        private String maskedKey = MASKED_KEY;
        private Instant expiresAt = EXPIRES_AT;
        private int usageLimit;

        Create name(String value) {
            name = value;
            return this;
        }

        Create type(SetupKeyType value) {
            type = value;
            return this;
        }

        Create keyHash(String value) {
            keyHash = value;
            return this;
        }

        Create maskedKey(String value) {
            maskedKey = value;
            return this;
        }

        Create expiresAt(Instant value) {
            expiresAt = value;
            return this;
        }

        Create usageLimit(int value) {
            usageLimit = value;
            return this;
        }

        CreateSetupKeyCommand command() {
            return new CreateSetupKeyCommand(SETUP_KEY, ACCOUNT, name, type, keyHash, maskedKey, NOW, expiresAt,
                    usageLimit, Set.of(SERVERS), true, false, CREATOR);
        }

        /** The event for a valid command, with the usage limit as the aggregate records it. */
        SetupKeyCreatedEvent event() {
            int effectiveLimit = type == SetupKeyType.ONE_OFF ? 1 : usageLimit;
            return new SetupKeyCreatedEvent(SETUP_KEY, ACCOUNT, name, type, keyHash, maskedKey, NOW, expiresAt,
                    effectiveLimit, Set.of(SERVERS), true, false, CREATOR);
        }
    }
}
