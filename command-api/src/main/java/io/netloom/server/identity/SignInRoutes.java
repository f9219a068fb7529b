package io.netloom.server.identity;

/** Where the embedded user store's pages are, for the controller and the security configuration. */
public final class SignInRoutes {

    public static final String LOGIN_PATH = "/login";
    public static final String PASSWORD_CHANGE_PATH = "/login/password";
    /** The device flow's {@code verification_uri}: the page where a person enters a device's user code. */
    public static final String ACTIVATE_PATH = "/activate";
    public static final String DENY_PATH = "/activate/deny";
    public static final String DONE_PATH = "/activate/done";
    public static final String FAILED_PATH = "/activate/failed";

    private SignInRoutes() {
    }
}
