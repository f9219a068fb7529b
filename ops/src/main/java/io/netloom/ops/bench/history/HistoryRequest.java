package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * One kind of history request the benchmark times: how to make one at random, and what its streamed answer
 * counts (flows, intervals, ...), read to its end so that the time measured is the time to the last byte.
 * A new kind (timeline, explain, dry run) is one more small class.
 */
interface HistoryRequest {

    String name();

    /** A request with random parameters drawn from the subject's history; its path is relative to the server. */
    HistoryCall next(HistorySubject subject, Random random);

    /** Reads the whole answer and returns what it counts. */
    long count(InputStream body) throws IOException;
}
