package io.netloom.server.security;

import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.TokenView;
import io.netloom.projections.directory.UserView;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a presented credential into a {@link Caller}, checking on every request that the user still
 * exists and is not blocked: blocking a user cuts their API access at once.
 */
@Component
public class Callers {

    private final Directory directory;
    private final Clock clock;

    public Callers(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Optional<Caller> byPersonalAccessToken(String token) {
        return directory.tokenByHash(SecretTokens.hash(token))
                .filter(found -> !found.isExpiredAt(clock.instant()))
                .flatMap(this::activeUser)
                .map(Callers::toCaller);
    }

    public Optional<Caller> byUserId(String userId) {
        return directory.user(new UserId(userId)).filter(user -> !user.blocked()).map(Callers::toCaller);
    }

    private Optional<UserView> activeUser(TokenView token) {
        return directory.account(token.accountId())
                .flatMap(records -> records.user(token.userId()))
                .filter(user -> !user.blocked());
    }

    private static Caller toCaller(UserView user) {
        return new Caller(user.accountId(), user.id(), user.role(), user.serviceUser());
    }
}
