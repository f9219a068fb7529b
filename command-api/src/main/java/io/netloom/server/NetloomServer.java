package io.netloom.server;

import io.netloom.server.startup.EarlyStartInitializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Netloom control plane: admin API, enrollment and the event store in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NetloomServer {

    static {
        // Axon's update checker reads a JVM property, not a Spring one; without this it calls home.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The server as {@code main} runs it: the database and the read-model snapshot start before Spring's beans do
     * (ADR 0064). Tests that run whole servers add the same initializer.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(NetloomServer.class);
        application.addInitializers(new EarlyStartInitializer());
        return application;
    }
}
