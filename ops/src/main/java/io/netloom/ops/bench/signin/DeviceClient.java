package io.netloom.ops.bench.signin;

import java.util.Map;

/** The CLI's side of the device authorization grant (RFC 8628), as {@code netloom login --no-browser} sends it. */
final class DeviceClient {

    static final String CLI_CLIENT = "netloom-cli";
    private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628's default polling interval, which Netloom's server enforces. */
    private static final long POLL_INTERVAL_MILLIS = 5_100;

    private final SignInHttp http;

    DeviceClient(SignInHttp http) {
        this.http = http;
    }

    record DeviceCode(String deviceCode, String userCode) {
    }

    /** A token exchange's outcome: the access token, and how many polls said {@code authorization_pending} first. */
    record Token(String accessToken, int pendingPolls) {
    }

    DeviceCode authorize() {
        SignInHttp.Answer answer = http.postForm("/oauth2/device_authorization",
                Map.of("client_id", CLI_CLIENT, "scope", "openid"), Map.of());
        if (answer.status() != 200) {
            throw new IllegalStateException("device authorization answered " + answer.status() + ": " + answer.body());
        }
        return new DeviceCode(answer.field("device_code"), answer.field("user_code"));
    }

    /** Polls the token endpoint until the token arrives, waiting the interval RFC 8628 asks for after each pending answer. */
    Token exchange(DeviceCode code) throws InterruptedException {
        for (int pending = 0; ; pending++) {
            SignInHttp.Answer answer = http.postForm("/oauth2/token", Map.of("grant_type", DEVICE_CODE_GRANT,
                    "device_code", code.deviceCode(), "client_id", CLI_CLIENT), Map.of());
            if (answer.status() == 200) {
                return new Token(answer.field("access_token"), pending);
            }
            String error = answer.status() == 400 ? answer.json().path("error").asText() : "";
            if (!error.equals("authorization_pending") && !error.equals("slow_down")) {
                throw new IllegalStateException("token exchange answered " + answer.status() + ": " + answer.body());
            }
            Thread.sleep(POLL_INTERVAL_MILLIS * (error.equals("slow_down") ? 2 : 1));
        }
    }
}
