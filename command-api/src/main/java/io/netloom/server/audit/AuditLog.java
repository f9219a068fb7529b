package io.netloom.server.audit;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.audit.AuditEntry;
import io.netloom.projections.audit.AuditTrail;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.GroupView;
import io.netloom.server.axon.Initiator;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit history. A subscribing handler runs inside the transaction that stores the
 * events, so an audit line exists exactly when its event does. Who did it is resolved to a name and
 * email now, as they were at the time.
 */
@Component
@ProcessingGroup("audit")
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_event (account_id, occurred_at, activity_code, activity,"
            + " initiator_id, initiator_name, initiator_email, target_id, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final AuditTrail trail;
    private final JsonMapper json;

    public AuditLog(JdbcTemplate jdbc, Directory directory, JsonMapper json) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.json = json;
        this.trail = new AuditTrail(new AuditTrail.StateBefore() {
            // Subscribing, the log runs before the directory applies the event (after commit): it reads the past.
            @Override
            public Optional<AccountSettings> accountSettings(AccountId account) {
                return directory.account(account).map(records -> records.account().settings());
            }

            @Override
            public DnsSettings dnsSettings(AccountId account) {
                return directory.account(account).map(AccountRecords::dnsSettings).orElse(DnsSettings.NONE);
            }

            @Override
            public Optional<String> groupName(AccountId account, GroupId group) {
                return directory.account(account).flatMap(records -> records.group(group)).map(GroupView::name);
            }
        });
    }

    @EventHandler
    void on(Object event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        String initiatorId = String.valueOf(message.getMetaData().getOrDefault(Initiator.METADATA_KEY,
                Initiator.SYSTEM.id()));
        for (AuditEntry entry : trail.describe(event)) {
            InitiatorDetails initiator = describeInitiator(entry.accountId(), initiatorId);
            jdbc.update(INSERT, entry.accountId().value(), java.sql.Timestamp.from(at), entry.activityCode(),
                    entry.activity(), initiatorId, initiator.name(), initiator.email(), entry.targetId(),
                    json.writeValueAsString(entry.meta()));
        }
    }

    private record InitiatorDetails(String name, String email) {
    }

    private InitiatorDetails describeInitiator(AccountId account, String initiatorId) {
        if (initiatorId.equals(Initiator.SYSTEM.id())) {
            return new InitiatorDetails("Netloom", "");
        }
        AccountRecords records = directory.account(account).orElse(null);
        if (records == null) {
            return new InitiatorDetails("", "");
        }
        try {
            var user = records.user(new UserId(initiatorId));
            if (user.isPresent()) {
                return new InitiatorDetails(user.get().name(), user.get().email());
            }
            return records.setupKey(new SetupKeyId(initiatorId))
                    .map(key -> new InitiatorDetails("setup key " + key.name(), ""))
                    .orElse(new InitiatorDetails("", ""));
        } catch (RuntimeException malformedId) {
            return new InitiatorDetails("", "");
        }
    }
}
