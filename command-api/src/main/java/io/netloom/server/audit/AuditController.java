package io.netloom.server.audit;

import io.netloom.api.netbird.Event;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** NetBird's /api/events/audit: the account's history, oldest first, for owners, admins and auditors. */
@RestController
public class AuditController {

    private static final TypeReference<Map<String, String>> META = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public AuditController(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping("/api/events/audit")
    public List<Event> audit(@AuthenticationPrincipal Caller caller) {
        if (!caller.canReadAccount()) {
            throw CommandRejectedException.permissionDenied("only owners, admins and auditors may read the audit log");
        }
        return jdbc.query("SELECT id, occurred_at, activity, activity_code, initiator_id, initiator_name,"
                        + " initiator_email, target_id, meta::text AS meta FROM audit_event WHERE account_id = ?"
                        + " ORDER BY id",
                (row, index) -> new Event(String.valueOf(row.getLong("id")),
                        row.getTimestamp("occurred_at").toInstant(), row.getString("activity"),
                        row.getString("activity_code"), row.getString("initiator_id"),
                        row.getString("initiator_name"), row.getString("initiator_email"),
                        row.getString("target_id"), json.readValue(row.getString("meta"), META)),
                caller.accountId().value());
    }
}
