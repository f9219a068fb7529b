package io.netloom.server.scim;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.api.RequestTooLargeException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of a SCIM request becomes RFC 7644 §3.12's error body; the API's own handler answers every other
 * path. A domain rule's refusal keeps its meaning: invalid input is 400 invalidValue, a clash 409.
 */
@RestControllerAdvice(assignableTypes = {ScimUsersController.class, ScimGroupsController.class,
        ScimDiscoveryController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScimExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimExceptionHandler.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<ScimError> scim(ScimException failure) {
        return error(failure.status(), failure.scimType(), failure.getMessage());
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ScimError> rejected(CommandRejectedException rejection) {
        return switch (rejection.reason()) {
            case INVALID_ARGUMENT -> error(400, "invalidValue", rejection.getMessage());
            case NOT_FOUND -> error(404, null, rejection.getMessage());
            case ALREADY_EXISTS -> error(409, "uniqueness", rejection.getMessage());
            case PERMISSION_DENIED -> error(403, null, rejection.getMessage());
            default -> error(409, null, rejection.getMessage());
        };
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ScimError> notFound(AggregateNotFoundException missing) {
        return error(404, null, "not found");
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class,
            PessimisticLockingFailureException.class})
    ResponseEntity<ScimError> concurrentChange(RuntimeException conflict) {
        return error(409, null, "changed concurrently by another request; retry");
    }

    @ExceptionHandler(InvalidQueryParameterException.class)
    ResponseEntity<ScimError> invalidQuery(InvalidQueryParameterException invalid) {
        return error(400, "invalidValue", invalid.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ScimError> methodNotAllowed(HttpRequestMethodNotSupportedException unsupported) {
        return error(405, null, "method " + unsupported.getMethod() + " is not supported here");
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ScimError> tooLarge(RequestTooLargeException tooLarge) {
        return error(413, null, tooLarge.getMessage());
    }

    /** Spring MVC's own refusals (a missing header, an unreadable request...) keep their 4xx status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ScimError> unexpected(Exception failure) {
        if (failure instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            return error(refusal.getStatusCode().value(), null, "the request cannot be handled: "
                    + refusal.getBody().getTitle());
        }
        log.error("Unexpected failure while handling a SCIM request", failure);
        return error(500, null, "internal error");
    }

    private static ResponseEntity<ScimError> error(int status, String scimType, String detail) {
        return ResponseEntity.status(status).contentType(ScimMedia.SCIM_JSON)
                .body(ScimError.of(status, scimType, detail));
    }
}
