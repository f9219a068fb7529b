package io.netloom.ops.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route as the lab's tests write it through NetBird's {@code /api/routes}: served by one peer, to a network. PUT
 * replaces a whole route, so a test changes one of these and sends it again.
 */
record LabRoute(String networkId, String network, String peer, int metric, boolean masquerade, List<String> groups,
        List<String> accessControlGroups, boolean skipAutoApply) {

    static LabRoute of(String networkId, String network, String peer, int metric, List<String> groups) {
        return new LabRoute(networkId, network, peer, metric, true, groups, List.of(), false);
    }

    LabRoute withMasquerade(boolean on) {
        return new LabRoute(networkId, network, peer, metric, on, groups, accessControlGroups, skipAutoApply);
    }

    LabRoute withGroups(List<String> distribution) {
        return new LabRoute(networkId, network, peer, metric, masquerade, distribution, accessControlGroups,
                skipAutoApply);
    }

    LabRoute withAccessControlGroups(List<String> accessControl) {
        return new LabRoute(networkId, network, peer, metric, masquerade, groups, accessControl, skipAutoApply);
    }

    LabRoute withSkipAutoApply(boolean skip) {
        return new LabRoute(networkId, network, peer, metric, masquerade, groups, accessControlGroups, skip);
    }

    /** Creates the route; its id. */
    String create(LabApi api) {
        return api.post("/api/routes", body()).get("id").asText();
    }

    void update(LabApi api, String id) {
        api.put("/api/routes/" + id, body());
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "lab route " + networkId);
        body.put("network_id", networkId);
        body.put("enabled", true);
        body.put("peer", peer);
        body.put("network", network);
        body.put("metric", metric);
        body.put("masquerade", masquerade);
        body.put("groups", groups);
        body.put("keep_route", false);
        body.put("access_control_groups", accessControlGroups);
        body.put("skip_auto_apply", skipAutoApply);
        return body;
    }
}
