package io.netloom.server.metrics;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.metrics.*} and the readiness probe (ADR 0050).
 *
 * @param tokenFile the file holding the bearer token Prometheus scrapes with; {@code <data-dir>/keys/metrics-token}
 *     when unset, created with a random token at first start
 * @param operatorTokenFile the file holding the operator's bearer token for {@code /actuator/readmodels} (ADR 0053);
 *     {@code <data-dir>/keys/operator-token} when unset, created with a random token at first start
 * @param readinessMaxLag how many events the network maps may trail the event store's head while this process
 *     still reports ready: a process far behind would hand out maps that are not current
 */
@ConfigurationProperties("netloom.metrics")
public record MetricsProperties(Path tokenFile, Path operatorTokenFile, @DefaultValue("1000") long readinessMaxLag) {
}
