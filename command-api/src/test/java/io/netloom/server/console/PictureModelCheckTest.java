package io.netloom.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.keycloak.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The network picture's model (console/pages/picture-model.js: peers, groups and flows to the nodes and lines drawn)
 * is plain JavaScript without the DOM: its checks run in Debian's Node.js, the browser's language outside a browser.
 */
class PictureModelCheckTest {

    private static final Path NODE = Path.of("/usr/bin/node");
    private static final Path CHECK = Path.of("src", "test", "console", "picture-model-check.mjs");

    @Test
    void pictureModelWhenCheckedOnAccountsWithKnownAnswersThenAllHold() throws IOException, InterruptedException {
        Prerequisites.require(Files.isExecutable(NODE), "Debian's nodejs (" + NODE + ")");
        Process check = new ProcessBuilder(NODE.toString(), CHECK.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("the check ended").isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }
}
