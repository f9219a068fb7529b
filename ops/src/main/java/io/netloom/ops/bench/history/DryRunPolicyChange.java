package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * {@code POST /api/netloom/dry-run} of one policy change: a random policy of the account narrowed to tcp port 22
 * between the same groups, as an admin would try before making it.
 */
final class DryRunPolicyChange implements HistoryRequest {

    @Override
    public String name() {
        return "dry run, one policy change";
    }

    @Override
    public HistoryCall next(HistorySubject subject, Random random) {
        HistorySubject.Policy policy = subject.anyPolicy(random);
        String rule = "{\"name\":\"narrowed\",\"enabled\":true,\"action\":\"accept\",\"bidirectional\":true,"
                + "\"protocol\":\"tcp\",\"ports\":[\"22\"],\"sources\":" + policy.sourcesJson() + ",\"destinations\":"
                + policy.destinationsJson() + "}";
        return new HistoryCall("POST", "/api/netloom/dry-run", "{\"changes\":[{\"op\":\"update_policy\",\"id\":\""
                + policy.id() + "\",\"policy\":{\"name\":\"narrowed\",\"description\":\"\",\"enabled\":true,"
                + "\"rules\":[" + rule + "]}}]}");
    }

    /** The maps the change would touch. */
    @Override
    public long count(InputStream body) throws IOException {
        return FlowCounter.count(body, "maps_changed");
    }
}
