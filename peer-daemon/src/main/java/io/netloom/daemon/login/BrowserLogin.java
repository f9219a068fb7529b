package io.netloom.daemon.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Authorization Code flow with PKCE (RFC 7636, S256) for a native app (RFC 8252): the browser brings the
 * code back to {@code http://127.0.0.1:<ephemeral port>/callback}, served by this process only for the
 * sign-in. A callback whose {@code state} this sign-in did not send ends it without redeeming anything.
 */
final class BrowserLogin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProvider provider;
    private final TokenEndpoint tokens;
    private final Duration timeout;

    BrowserLogin(OidcProvider provider, TokenEndpoint tokens, Duration timeout) {
        this.provider = provider;
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** The sign-in, or empty when {@code browser} could not open the page (the caller falls back to a code). */
    Optional<SignIn> signIn(String scope, Browser browser, Consumer<URI> prompt) throws LoginException {
        if (provider.authorizationEndpoint() == null) {
            return Optional.empty();
        }
        String verifier = randomToken(32);
        String state = randomToken(16);
        String nonce = randomToken(16);
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sign-in-callback");
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server = loopbackServer(callback, executor);
        try {
            URI redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", tokens.clientId());
            query.put("redirect_uri", redirectUri.toString());
            query.put("scope", scope);
            query.put("state", state);
            query.put("nonce", nonce);
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
            URI authorization = URI.create(provider.authorizationEndpoint() + "?" + form(query));
            if (!browser.open(authorization)) {
                return Optional.empty();
            }
            prompt.accept(authorization);
            Map<String, String> answer = await(callback);
            if (!state.equals(answer.get("state"))) {
                throw new LoginException("the browser came back with a state this sign-in did not send; nothing was "
                        + "redeemed and this device was not enrolled. Run `netloom login` again");
            }
            if (answer.containsKey("error")) {
                throw new LoginException("the sign-in was refused in the browser (" + answer.get("error")
                        + Optional.ofNullable(answer.get("error_description")).map(text -> ": " + text).orElse("")
                        + "); this device was not enrolled");
            }
            String code = answer.get("code");
            if (code == null) {
                throw new LoginException("the browser came back without an authorization code");
            }
            OidcHttp.Answer redeemed = tokens.redeem(Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", redirectUri.toString(), "client_id", tokens.clientId(), "code_verifier", verifier));
            if (redeemed.status() != 200) {
                throw new LoginException("the sign-in service refused the authorization code ("
                        + TokenEndpoint.refusal(redeemed) + "); this device was not enrolled");
            }
            return Optional.of(tokens.signIn(redeemed, nonce, true));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private Map<String, String> await(CompletableFuture<Map<String, String>> callback) throws LoginException {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LoginException("nobody finished the sign-in in the browser within " + timeout.toMinutes()
                    + " minutes; run `netloom login` again (or `netloom login --no-browser` to sign in with a code)");
        } catch (ExecutionException e) {
            throw new LoginException("the browser's answer could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("sign-in interrupted");
        }
    }

    /** Answers the first request to /callback and hands its query over; anything after it finds the port closed. */
    private static HttpServer loopbackServer(CompletableFuture<Map<String, String>> callback, ExecutorService executor)
            throws LoginException {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
            server.setExecutor(executor);
            server.createContext("/callback", exchange -> answer(exchange, callback));
            server.start();
            return server;
        } catch (IOException e) {
            throw new LoginException("cannot listen on 127.0.0.1 for the browser's answer: " + e.getMessage());
        }
    }

    private static void answer(HttpExchange exchange, CompletableFuture<Map<String, String>> callback) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        boolean first = callback.complete(query);
        String page = !first ? "This sign-in has already ended."
                : query.containsKey("code") ? "Signed in. You can close this window and return to the terminal."
                : "The sign-in did not finish; see the terminal.";
        byte[] body = ("<!doctype html><title>Netloom</title><p>" + page + "</p>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(first ? 200 : 409, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
