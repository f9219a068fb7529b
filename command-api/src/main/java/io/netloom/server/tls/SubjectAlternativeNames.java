package io.netloom.server.tls;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The names a generated certificate carries: always localhost and the loopback addresses, then this
 * machine's host name, the host of {@code netloom.public-url} and what the operator adds. Each is a DNS name
 * or an IP address; anything else is refused with the name it was given as.
 */
final class SubjectAlternativeNames {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<String> names;

    private SubjectAlternativeNames(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * @param hostName this machine's name; skipped when absent or not a DNS name (it is not the operator's input)
     * @param publicUrl {@code netloom.public-url}, possibly empty
     * @param additional {@code netloom.tls.subject-alternative-names}
     */
    static SubjectAlternativeNames of(String hostName, String publicUrl, List<String> additional) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (hostName != null && isDnsName(hostName.toLowerCase(Locale.ROOT))) {
            names.add(hostName.toLowerCase(Locale.ROOT));
        }
        names.addAll(configured(publicUrl, additional));
        return new SubjectAlternativeNames(new ArrayList<>(names));
    }

    /** The names the operator chose: a generated certificate that lacks one of them is worth a warning. */
    static List<String> configured(String publicUrl, List<String> additional) {
        List<String> names = new ArrayList<>();
        if (publicUrl != null && !publicUrl.isBlank()) {
            String host = URI.create(publicUrl.strip()).getHost();
            if (host == null) {
                throw new IllegalStateException("netloom.public-url '" + publicUrl + "' names no host");
            }
            names.add(checked(host.replace("[", "").replace("]", ""), "netloom.public-url"));
        }
        for (String name : additional) {
            names.add(checked(name.strip(), "netloom.tls.subject-alternative-names"));
        }
        return names;
    }

    List<String> names() {
        return names;
    }

    GeneralNames asGeneralNames() {
        return new GeneralNames(names.stream()
                .map(name -> isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    /** Those of {@code wanted} that {@code certificate} does not name. */
    static List<String> missingFrom(X509Certificate certificate, List<String> wanted) {
        Set<String> present = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                entries.forEach(entry -> present.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT)));
            }
        } catch (CertificateParsingException e) {
            return List.copyOf(wanted);
        }
        return wanted.stream().filter(name -> !present.contains(name) && !present.contains(expanded(name))).toList();
    }

    private static String checked(String name, String setting) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (isIpAddress(lower) || isDnsName(lower)) {
            return lower;
        }
        throw new IllegalStateException(setting + ": '" + name + "' is neither an IP address nor a DNS name");
    }

    private static boolean isDnsName(String name) {
        return name.length() <= 253 && DNS_NAME.matcher(name).matches() && !IPV4.matcher(name).matches();
    }

    private static boolean isIpAddress(String name) {
        var v4 = IPV4.matcher(name);
        if (v4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(name).matches() && parsesAsIpv6(name);
    }

    private static boolean parsesAsIpv6(String name) {
        try {
            new GeneralName(GeneralName.iPAddress, name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The JDK lists IPv6 addresses in full form ({@code 0:0:0:0:0:0:0:1}); compare in that form too. */
    private static String expanded(String name) {
        if (!name.contains(":")) {
            return name;
        }
        try {
            return InetAddress.getByName(name).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return name;
        }
    }
}
