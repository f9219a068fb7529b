package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonSettings.P2pDataPath;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code nftables} or {@code proxy}, in any case, for {@code up --p2p-data-path}. */
final class P2pDataPathConverter implements ITypeConverter<P2pDataPath> {

    @Override
    public P2pDataPath convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "nftables" -> P2pDataPath.NFTABLES;
            case "proxy" -> P2pDataPath.PROXY;
            default -> throw new TypeConversionException("'" + value + "' is not a P2P data path: use nftables or proxy");
        };
    }
}
