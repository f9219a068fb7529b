package io.netloom.server.scim;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RFC 7644 §3.4.2.4 pagination: a 1-based {@code startIndex} (below 1 means 1) and a {@code count} (negative means
 * 0, above {@link #MAX_RESULTS} means that many, as the service provider configuration announces).
 */
record ScimPage(int startIndex, int count) {

    static final int MAX_RESULTS = 200;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,100}");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    static ScimPage of(String startIndex, String count) {
        int start = Math.max(1, integer(startIndex, "startIndex", 1));
        int size = Math.min(MAX_RESULTS, Math.max(0, integer(count, "count", MAX_RESULTS)));
        return new ScimPage(start, size);
    }

    private static int integer(String raw, String name, int absent) {
        if (raw == null) {
            return absent;
        }
        String digits = raw.strip();
        if (!INTEGER.matcher(digits).matches()) {
            throw ScimException.invalidValue("\"" + name + "\" must be an integer");
        }
        // An integer beyond int is still an integer: clamped, it asks for a page past the end or for every result.
        return new BigInteger(digits).max(INT_MIN).min(INT_MAX).intValue();
    }

    /** The ListResponse of this page of {@code all}. */
    <T> Map<String, Object> listResponse(List<T> all) {
        int from = Math.min(all.size(), startIndex - 1);
        List<T> page = all.subList(from, Math.min(all.size(), from + count));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("schemas", List.of(LIST_SCHEMA));
        response.put("totalResults", all.size());
        response.put("startIndex", startIndex);
        response.put("itemsPerPage", page.size());
        response.put("Resources", page);
        return response;
    }
}
