package io.netloom.daemon.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void runWhenCommandSucceedsThenReturnsStdout() throws IOException {
        assertThat(Commands.run("echo", "hello", "world")).isEqualTo("hello world\n");
    }

    @Test
    void runWithInputWhenGivenBytesThenCommandReadsThemOnStdin() throws IOException {
        assertThat(Commands.runWithInput("secret\n".getBytes(StandardCharsets.UTF_8), "cat")).isEqualTo("secret\n");
    }

    @Test
    void runWithInputWhenOutputExceedsPipeBufferThenDoesNotDeadlock() throws IOException {
        byte[] large = new byte[1 << 20];
        Arrays.fill(large, (byte) 'x');

        assertThat(Commands.runWithInput(large, "cat")).hasSize(1 << 20);
    }

    @Test
    void runWhenCommandFailsThenMessageHasCommandStatusAndStderr() {
        assertThatThrownBy(() -> Commands.run("sh", "-c", "echo 'no such thing' >&2; exit 3"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("`sh -c 'echo 'no such thing' >&2; exit 3'` failed with exit status 3: no such thing")
                .satisfies(e -> assertThat(((CommandFailedException) e).exitCode()).isEqualTo(3));
    }

    @Test
    void runWithInputWhenCommandFailsThenMessageOmitsTheInput() {
        byte[] secret = "do-not-show-me".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Commands.runWithInput(secret, "sh", "-c", "exit 1"))
                .isInstanceOf(CommandFailedException.class)
                .message().doesNotContain("do-not-show-me");
    }

    @Test
    void executeWhenCommandFailsThenReturnsResultInsteadOfThrowing() throws IOException {
        CommandResult result = Commands.execute(List.of("sh", "-c", "echo out; echo err >&2; exit 4"), null,
                Commands.DEFAULT_TIMEOUT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void executeWhenCommandOutlivesTimeoutThenKillsItAndThrows() {
        assertThatThrownBy(() -> Commands.execute(List.of("sleep", "600"), null, Duration.ofMillis(200)))
                .isInstanceOf(IOException.class)
                .hasMessage("`sleep 600` did not finish within 200 ms");
    }

    @Test
    void runWhenProgramIsMissingThenSaysItCannotStartIt() {
        assertThatThrownBy(() -> Commands.run("netloom-no-such-program", "--help"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot start `netloom-no-such-program --help`");
    }
}
