package io.netloom.server.testing;

import io.netloom.server.axon.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the API tests: one real server (embedded PostgreSQL, real HTTP) shared by all test
 * classes; each test works in an account of its own, created through {@link #accounts}. It speaks plain
 * HTTP, so that tests of the API's behaviour can use any HTTP client; the tests in {@code io.netloom.server.tls}
 * run servers with TLS, the default. All tests call from one address and many fail to authenticate on
 * purpose, so the allowance of failed attempts is raised here; {@code FailedAuthenticationLimitsTest} runs a
 * server with a small one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"netloom.data-dir=target/test-server-data/${random.uuid}", "netloom.gateway.port=0",
                "netloom.gateway.host=127.0.0.1", "netloom.insecure-http=true",
                "netloom.limits.failed-attempts=100000", "netloom.limits.failure-window=10m"})
public abstract class ServerTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Commands commands;

    protected NetloomApi api;
    protected TestAccounts accounts;

    @BeforeEach
    protected void connect() {
        api = new NetloomApi(port);
        accounts = new TestAccounts(commands, api);
    }
}
