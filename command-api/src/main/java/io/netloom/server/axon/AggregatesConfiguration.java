package io.netloom.server.axon;

import io.netloom.domain.account.Account;
import io.netloom.domain.dns.DnsZone;
import io.netloom.domain.dns.NameserverGroup;
import io.netloom.domain.group.Group;
import io.netloom.domain.network.Network;
import io.netloom.domain.peer.Peer;
import io.netloom.domain.policy.Policy;
import io.netloom.domain.route.Route;
import io.netloom.domain.setupkey.SetupKey;
import io.netloom.domain.user.User;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the domain's aggregates with Axon here, because the domain module may not use Spring
 * stereotypes. Each repository caches loaded aggregates (soft references: kept until memory runs
 * short, unlike weak ones that every garbage collection clears), so a command does not replay the
 * aggregate's whole history each time.
 */
@Configuration(proxyBeanMethods = false)
public class AggregatesConfiguration {

    private static final List<Class<?>> AGGREGATES =
            List.of(Account.class, User.class, Group.class, Peer.class, SetupKey.class, Policy.class,
                    Route.class, Network.class, NameserverGroup.class, DnsZone.class);

    @Bean
    ConfigurerModule aggregatesModule() {
        return configurer -> AGGREGATES.forEach(type -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(type).configureCache(c -> new SoftReferenceCache())));
    }
}
