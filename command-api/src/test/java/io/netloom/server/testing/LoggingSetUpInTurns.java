package io.netloom.server.testing;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Spring Boot sets up logging for every application it starts, but Logback's context is one per JVM: two servers
 * starting at once in one test JVM reset it under each other, and one of them fails with "Unable to find Spring
 * Environment in logger context". These listeners make only that set-up take turns (it is what Spring Boot does
 * when the environment is prepared); the rest of the starts stays concurrent.
 */
final class LoggingSetUpInTurns {

    private static final ReentrantLock TURN = new ReentrantLock();

    private LoggingSetUpInTurns() {
    }

    /** Listeners to add to an application: the first takes the turn before logging is set up, the second gives it. */
    static ApplicationListener<?>[] listeners() {
        return new ApplicationListener<?>[] {new Take(), new Give()};
    }

    private static void giveIfHeld() {
        if (TURN.isHeldByCurrentThread()) {
            TURN.unlock();
        }
    }

    private static final class Take implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            TURN.lock();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** Gives the turn once every listener has seen the prepared environment, or when the start failed. */
    private static final class Give implements ApplicationListener<ApplicationEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ApplicationEnvironmentPreparedEvent || event instanceof ApplicationFailedEvent) {
                giveIfHeld();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
