package io.netloom.server.readmodel.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ReadModelSnapshotConfiguration {

    @Bean
    ReadModelSnapshotCodec readModelSnapshotCodec(@Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        return new ReadModelSnapshotCodec(json);
    }
}
