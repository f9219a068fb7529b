package io.netloom.server.enrollment;

import io.netloom.api.netbird.ErrorResponse;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.server.security.CallerAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Enrollment", description = "Netloom's own endpoint for devices joining with a setup key or a person's sign-in")
public class EnrollmentController {

    private final Enrollment enrollment;
    private final PersonEnrollment personEnrollment;

    public EnrollmentController(Enrollment enrollment, PersonEnrollment personEnrollment) {
        this.enrollment = enrollment;
        this.personEnrollment = personEnrollment;
    }

    @PostMapping("/api/netloom/enroll")
    @Operation(summary = "Enroll a device",
            description = "Authenticated by the setup key in the body, or by a person's access token from "
                    + "signing in (Authorization: Bearer), which enrolls the device as that person's peer. Returns the peer's overlay address, FQDN, "
                    + "gateway URL and key, STUN servers and time-limited TURN credentials. Enrolling the same "
                    + "WireGuard key again returns the same peer. 401: unknown setup key, or a WireGuard key "
                    + "enrolled in another account (the same answer); 412: revoked, expired or used up; 422: "
                    + "malformed input; 409: concurrent changes, retry. With a person's token: 401 for an "
                    + "invalid or expired token or a blocked user, 403 for a credential that is not a person's "
                    + "sign-in or a WireGuard key of a peer that is not the person's.")
    public PeerConfiguration enroll(@RequestBody EnrollmentRequest request, HttpServletRequest http,
            Authentication authentication) {
        if (authentication instanceof CallerAuthentication caller) {
            if (!caller.isSignedInPerson()) {
                throw CommandRejectedException.permissionDenied(
                        "a device enrolls with a setup key or with a person's access token from signing in");
            }
            return personEnrollment.enroll(caller.getPrincipal(), caller.groupsClaim(), request, http.getServerName());
        }
        return enrollment.enroll(request, http.getServerName());
    }

    @ExceptionHandler(InvalidSetupKeyException.class)
    ResponseEntity<ErrorResponse> invalidKey(InvalidSetupKeyException invalid) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(new ErrorResponse(invalid.getMessage(), 401));
    }
}
