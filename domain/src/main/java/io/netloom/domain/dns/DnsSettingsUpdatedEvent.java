package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import org.axonframework.serialization.Revision;

/** The settings as they are now; what was added or removed follows from the previous event (or none). */
@Revision("1")
public record DnsSettingsUpdatedEvent(AccountId accountId, DnsSettings settings) {
}
