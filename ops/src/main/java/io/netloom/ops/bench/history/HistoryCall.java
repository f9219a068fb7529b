package io.netloom.ops.bench.history;

/** One request to send: method, path with query, and a JSON body or null (a dry run will POST one). */
record HistoryCall(String method, String path, String body) {

    static HistoryCall get(String path) {
        return new HistoryCall("GET", path, null);
    }
}
