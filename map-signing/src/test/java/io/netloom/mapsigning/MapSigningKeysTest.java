package io.netloom.mapsigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.AccountId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MapSigningKeysTest {

    private static final AccountId FIRST = new AccountId("first");
    private static final AccountId SECOND = new AccountId("second");

    @Test
    void publicKeyWhenDerivedAgainFromSameMasterThenSame() {
        byte[] master = secret(7);

        assertThat(new MapSigningKeys(master).publicKeyBase64(FIRST))
                .isEqualTo(new MapSigningKeys(master.clone()).publicKeyBase64(FIRST));
    }

    @Test
    void publicKeyWhenAccountsOrMastersDifferThenKeysDiffer() {
        MapSigningKeys keys = new MapSigningKeys(secret(7));

        assertThat(keys.publicKeyBase64(FIRST)).isNotEqualTo(keys.publicKeyBase64(SECOND));
        assertThat(keys.publicKeyBase64(FIRST)).isNotEqualTo(new MapSigningKeys(secret(8)).publicKeyBase64(FIRST));
    }

    @Test
    void constructorWhenMasterSecretShortThenRefused() {
        assertThatThrownBy(() -> new MapSigningKeys(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringWhenPrintedThenNoKeyMaterial() {
        MapSigningKeys keys = new MapSigningKeys(secret(7));
        keys.publicKeyBase64(FIRST);

        assertThat(keys.toString()).isEqualTo("MapSigningKeys[1 accounts]");
    }

    private static byte[] secret(int fill) {
        byte[] secret = new byte[MapSigningKeys.MASTER_SECRET_BYTES];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }
}
