package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonSettings.DataPathChoice;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code nftables} or {@code proxy}, in any case, for {@code up --data-path}. */
final class DataPathChoiceConverter implements ITypeConverter<DataPathChoice> {

    @Override
    public DataPathChoice convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "nftables" -> DataPathChoice.NFTABLES;
            case "proxy" -> DataPathChoice.PROXY;
            default -> throw new TypeConversionException("'" + value + "' is not a data path: use nftables or proxy");
        };
    }
}
