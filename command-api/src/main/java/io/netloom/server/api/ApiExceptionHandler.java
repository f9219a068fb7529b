package io.netloom.server.api;

import io.netloom.api.netbird.ErrorResponse;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.RejectionReason;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes NetBird's error body with a fitting status. Only a genuine bug reaches the
 * last handler; it is logged with its stack trace and the caller gets a message without one.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ErrorResponse> rejected(CommandRejectedException rejection) {
        return error(statusOf(rejection.reason()), rejection.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ErrorResponse> notFound(AggregateNotFoundException missing) {
        return error(HttpStatus.NOT_FOUND, "not found");
    }

    /** Also a transaction that PostgreSQL chose to abort to break a lock cycle between concurrent requests. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class,
            PessimisticLockingFailureException.class})
    ResponseEntity<ErrorResponse> concurrentChange(RuntimeException conflict) {
        return error(HttpStatus.CONFLICT, "changed concurrently by another request; retry");
    }

    @ExceptionHandler(ReadModelsCurrent.ReadModelsBehindException.class)
    ResponseEntity<ErrorResponse> behind(ReadModelsCurrent.ReadModelsBehindException behind) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, behind.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException unreadable) {
        return error(HttpStatus.BAD_REQUEST, UnreadableBody.describe(unreadable));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorResponse> badParameter(MethodArgumentTypeMismatchException bad) {
        return error(HttpStatus.BAD_REQUEST, "invalid value for parameter \"" + bad.getName() + "\"");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException missing) {
        return error(HttpStatus.BAD_REQUEST, "query parameter \"" + missing.getParameterName() + "\" is required");
    }

    @ExceptionHandler(InvalidQueryParameterException.class)
    ResponseEntity<ErrorResponse> invalidQuery(InvalidQueryParameterException invalid) {
        return error(HttpStatus.BAD_REQUEST, invalid.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> methodNotAllowed(HttpRequestMethodNotSupportedException unsupported) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method " + unsupported.getMethod() + " is not supported here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> unsupportedMediaType(HttpMediaTypeNotSupportedException unsupported) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the request body as application/json");
    }

    /** A path nothing handles, or a file the console does not have (only the console's locations serve files). */
    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ErrorResponse> noSuchPath(Exception missing) {
        return error(HttpStatus.NOT_FOUND, "not found");
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ErrorResponse> tooLarge(RequestTooLargeException tooLarge) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
    }

    /** The client of a stream (the live feed of peers) went away: there is no one left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception failure) {
        log.error("Unexpected failure while handling a request", failure);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** JSON whatever the request accepts: a client of an event stream asks for text/event-stream only. */
    static ResponseEntity<ErrorResponse> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(message, status.value()));
    }

    private static HttpStatus statusOf(RejectionReason reason) {
        return switch (reason) {
            case INVALID_ARGUMENT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
        };
    }
}
