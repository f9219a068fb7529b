package io.netloom.domain.common;

import java.util.regex.Pattern;

/** RFC 1123 names in the lowercase form peers are resolved by, shared by peer labels and account domains. */
public final class DnsNames {

    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_NAME_LENGTH = 253;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DnsNames() {
    }

    public static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!isValidLabel(label)) {
                return false;
            }
        }
        return true;
    }
}
