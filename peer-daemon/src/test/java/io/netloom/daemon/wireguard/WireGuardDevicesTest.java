package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.link.NetworkLinks;
import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WireGuardDevicesTest {

    @Test
    void openWhenCalledThenKindMatchesTheInterfaceTheKernelSees() throws IOException {
        RootTools.assumeRootWith("ip", "wireguard-go", "wg");
        String name = "nlt-wg-o";

        try (WireGuardDevice device = WireGuardDevices.open(name)) {
            // Without the kernel module (as on the project's machines) this is wireguard-go's TUN device.
            String expectedLinkKind = device.kind() == InterfaceKind.KERNEL ? "wireguard" : "tun";
            assertThat(NetworkLinks.kind(name)).contains(expectedLinkKind);
            assertThat(device.name()).isEqualTo(name);
            assertThat(device.statistics()).isEmpty();
        }

        assertThat(NetworkLinks.exists(name)).isFalse();
    }
}
