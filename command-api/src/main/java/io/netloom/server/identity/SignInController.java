package io.netloom.server.identity;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.SetLocalPasswordCommand;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.LocalCredential;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded user store's sign-in: email and password, then, if an administrator set the
 * password, a new password of the person's own before anything else; then back to what asked
 * for the sign-in (an authorization request of the CLI) or to the device code page. A temporary
 * password alone never makes a session signed in.
 */
@RestController
public class SignInController {

    /** The session attribute naming a person who proved an administrator-set password and must replace it. */
    private static final String PENDING_PASSWORD_CHANGE = SignInController.class.getName() + ".pending";
    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

    private final LocalPasswords passwords;
    private final PersonSignIns signIns;
    private final Directory directory;
    private final Commands commands;
    private final IdentityProperties identity;
    private final UpstreamProviders upstream;
    private final OAuth2AuthorizationService authorizations;

    public SignInController(LocalPasswords passwords, PersonSignIns signIns, Directory directory, Commands commands,
            IdentityProperties identity, UpstreamProviders upstream, OAuth2AuthorizationService authorizations) {
        this.passwords = passwords;
        this.signIns = signIns;
        this.directory = directory;
        this.commands = commands;
        this.identity = identity;
        this.upstream = upstream;
        this.authorizations = authorizations;
    }

    @GetMapping(SignInRoutes.LOGIN_PATH)
    ResponseEntity<String> loginPage(CsrfToken csrf) {
        return html(200, SignInPages.login(csrf, "", null, upstream.all()));
    }

    @PostMapping(SignInRoutes.LOGIN_PATH)
    ResponseEntity<String> login(@RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "password", required = false) String password, CsrfToken csrf,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<LocalCredential> credential = passwords.verify(email, password);
        if (credential.isEmpty()) {
            // 401 counts against the address in FailedAuthenticationThrottle.
            return html(401, SignInPages.login(csrf, email, "Wrong email or password.", upstream.all()));
        }
        if (isBlocked(credential.get().userId())) {
            return html(403, SignInPages.message("Sign-in refused", "Your user is blocked. Ask an administrator."));
        }
        HttpSession session = renewedSession(request);
        if (credential.get().changeRequired()) {
            session.setAttribute(PENDING_PASSWORD_CHANGE, credential.get().email());
            return html(200, SignInPages.changePassword(csrf, identity.minPasswordLength(), null));
        }
        return complete(credential.get(), request, response);
    }

    @PostMapping(SignInRoutes.PASSWORD_CHANGE_PATH)
    ResponseEntity<String> changePassword(@RequestParam(name = "new_password", required = false) String newPassword,
            @RequestParam(name = "confirmation", required = false) String confirmation, CsrfToken csrf,
            HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        Object pendingEmail = session == null ? null : session.getAttribute(PENDING_PASSWORD_CHANGE);
        Optional<LocalCredential> credential = pendingEmail instanceof String email
                ? directory.localCredential(email).filter(LocalCredential::changeRequired) : Optional.empty();
        if (credential.isEmpty()) {
            return html(401, SignInPages.login(csrf, "", "Sign in first.", upstream.all()));
        }
        if (newPassword == null || !newPassword.equals(confirmation)) {
            return html(422, SignInPages.changePassword(csrf, identity.minPasswordLength(),
                    "The two passwords differ."));
        }
        if (passwords.verify(credential.get().email(), newPassword).isPresent()) {
            return html(422, SignInPages.changePassword(csrf, identity.minPasswordLength(),
                    "Choose a password other than the one you were given."));
        }
        try {
            commands.send(new SetLocalPasswordCommand(credential.get().userId(), credential.get().accountId(),
                    passwords.hashNew(newPassword), false), new Initiator(credential.get().userId().value()));
        } catch (CommandRejectedException rejected) {
            return html(422, SignInPages.changePassword(csrf, identity.minPasswordLength(), rejected.getMessage()));
        }
        session.removeAttribute(PENDING_PASSWORD_CHANGE);
        return complete(directory.localCredential(credential.get().email()).orElseThrow(), request, response);
    }

    @GetMapping(SignInRoutes.ACTIVATE_PATH)
    ResponseEntity<String> activatePage(Authentication authentication,
            @RequestParam(name = "user_code", required = false) String userCode, CsrfToken csrf) {
        if (!(authentication instanceof SignedInPerson person)) {
            return ResponseEntity.status(303).header("Location", SignInRoutes.LOGIN_PATH).build();
        }
        return html(200, SignInPages.activate(csrf, person.email(), userCode));
    }

    /** The person refuses a device's sign-in: its poll ends with {@code access_denied} (RFC 8628 section 3.5). */
    @PostMapping(SignInRoutes.DENY_PATH)
    ResponseEntity<String> deny(@RequestParam(name = "user_code", required = false) String userCode) {
        OAuth2Authorization authorization = userCode == null ? null : authorizations.findByToken(userCode, USER_CODE);
        if (authorization == null || authorization.getToken(OAuth2UserCode.class) == null
                || !authorization.getToken(OAuth2UserCode.class).isActive()) {
            return html(400, SignInPages.message("Unknown code", "This code is unknown or has expired."));
        }
        authorizations.save(OAuth2Authorization.from(authorization)
                .invalidate(authorization.getToken(OAuth2UserCode.class).getToken())
                .invalidate(authorization.getToken(OAuth2DeviceCode.class).getToken())
                .build());
        return html(200, SignInPages.message("Device denied", "The device was not signed in."));
    }

    @GetMapping(SignInRoutes.DONE_PATH)
    ResponseEntity<String> done() {
        return html(200, SignInPages.message("Device signed in", "You can close this window and return to your device."));
    }

    @GetMapping(SignInRoutes.FAILED_PATH)
    ResponseEntity<String> failed() {
        return html(400, SignInPages.message("Device not signed in",
                "This code is unknown, was used already, or has expired. Start again on your device."));
    }

    private ResponseEntity<String> complete(LocalCredential credential, HttpServletRequest request,
            HttpServletResponse response) {
        SignedInPerson person;
        try {
            person = signIns.signedIn(credential);
        } catch (CommandRejectedException refused) {
            return html(403, SignInPages.message("Sign-in refused", refused.getMessage()));
        }
        return ResponseEntity.status(303).header("Location", SignInSessions.signIn(person, request, response)).build();
    }

    private boolean isBlocked(UserId user) {
        return directory.user(user).map(found -> found.blocked()).orElse(true);
    }

    /** A new session id at each step up in trust, so that a planted session id never becomes signed in. */
    private static HttpSession renewedSession(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        return session;
    }

    private static ResponseEntity<String> html(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .header("Cache-Control", "no-store").body(body);
    }
}
