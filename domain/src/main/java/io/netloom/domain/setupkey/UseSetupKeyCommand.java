package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UseSetupKeyCommand(
        @TargetAggregateIdentifier SetupKeyId setupKeyId,
        AccountId accountId,
        PeerId peerId,
        Instant usedAt) {
}
