package io.netloom.daemon.cli;

import picocli.CommandLine.Option;

/** How a person signs in when no setup key is given: shared by {@code up} and {@code login}. */
final class SignInOptions {

    @Option(names = "--no-browser",
            description = "Sign in with a code confirmed on any device (OAuth 2.0 device authorization) instead of "
                    + "opening a browser on this one.")
    boolean noBrowser;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = "netloom-cli",
            description = "OAuth client id of the Netloom CLI at the server's sign-in service (default: ${DEFAULT-VALUE}).")
    String clientId;
}
