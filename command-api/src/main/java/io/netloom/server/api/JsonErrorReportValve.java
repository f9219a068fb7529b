package io.netloom.server.api;

import io.netloom.server.scim.ScimErrors;
import io.netloom.server.security.JsonErrors;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to a request it refuses before Spring runs (a path with {@code %00} or an encoded {@code /}, say):
 * the same JSON error body as Spring's answers instead of Tomcat's HTML page, so with neither stack trace nor server
 * version. Errors Spring answered already have a body and pass through untouched.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

    private final JsonErrors errors;
    private final ScimErrors scimErrors;

    JsonErrorReportValve(JsonErrors errors, ScimErrors scimErrors) {
        this.errors = errors;
        this.scimErrors = scimErrors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: only an error that nothing has answered yet, and only while the client can read it.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String message = message(status);
        try {
            // A SCIM client reads RFC 7644's error body, and the API's clients NetBird's.
            if (ScimErrors.isScimRequest(request)) {
                scimErrors.write(response, status, message);
            } else {
                errors.write(response, status, message);
            }
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write the error body for a refused request", e);
        }
    }

    /** Tomcat's own message may echo the refused input: the status's meaning says enough. */
    private static String message(int status) {
        if (status == 400) {
            return "malformed request: the URL cannot be read (an encoded '/' or a NUL byte is not allowed)";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "request refused" : known.getReasonPhrase();
    }
}
