package io.netloom.server.directorysync;

import io.netloom.projections.directory.Directory;
import io.netloom.server.cluster.Leadership;
import io.netloom.server.identity.UpstreamProvider;
import io.netloom.server.identity.UpstreamProviders;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every configured provider's directory sync while the server runs, from the moment the read models are
 * rebuilt (so that the first run sees every link), each on its own schedule.
 */
@Component
public class DirectorySyncTasks implements SmartLifecycle, DisposableBean {

    /** After the start-up replay (Integer.MAX_VALUE - 2048), like the peer login expiry. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private final Map<String, ProviderSyncTask> tasks = new LinkedHashMap<>();
    private final List<DirectorySource> sources;
    private boolean running;

    public DirectorySyncTasks(DirectorySyncProperties settings, UpstreamProviders providers, Directory directory,
            DirectorySync sync, DirectorySyncStatus status, Clock clock, Leadership leadership) {
        for (DirectorySyncConfig config : settings.configured()) {
            UpstreamProvider provider = providers.byId(config.providerId()).orElseThrow(() ->
                    new IllegalArgumentException("netloom.identity.providers." + config.providerId()
                            + ".directory-sync needs the provider's sign-in settings (issuer-uri, client-id,"
                            + " client-secret): its people are linked at their sign-in"));
            tasks.put(config.providerId(), new ProviderSyncTask(config,
                    () -> provider.accountAmong(directory.accountIds()),
                    new KeycloakDirectory(config), sync, status, clock, leadership, PHASE));
        }
        sources = tasks.values().stream().map(ProviderSyncTask::source).toList();
    }

    /** Runs a provider's sync now, on the caller's thread; empty if the provider has none. */
    public Optional<DirectorySyncOutcome> runNow(String providerId) {
        return Optional.ofNullable(tasks.get(providerId)).map(ProviderSyncTask::runNow);
    }

    @Override
    public synchronized void start() {
        tasks.values().forEach(ProviderSyncTask::start);
        running = true;
    }

    @Override
    public synchronized void stop() {
        tasks.values().forEach(ProviderSyncTask::stop);
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        sources.forEach(DirectorySource::close);
    }
}
