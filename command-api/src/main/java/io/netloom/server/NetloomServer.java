package io.netloom.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Netloom control plane: admin API, enrollment and the event store in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NetloomServer {

    public static void main(String[] args) {
        SpringApplication.run(NetloomServer.class, args);
    }
}
