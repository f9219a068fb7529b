package io.netloom.server.enrollment;

import io.netloom.api.netbird.ErrorResponse;
import io.netloom.enrollment.PeerConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Enrollment", description = "Netloom's own endpoint for devices joining with a setup key")
public class EnrollmentController {

    private final Enrollment enrollment;

    public EnrollmentController(Enrollment enrollment) {
        this.enrollment = enrollment;
    }

    @PostMapping("/api/netloom/enroll")
    @Operation(summary = "Enroll a device",
            description = "Authenticated by the setup key in the body. Returns the peer's overlay address, FQDN, "
                    + "gateway URL and key, STUN servers and time-limited TURN credentials. Enrolling the same "
                    + "WireGuard key again returns the same peer. 401: unknown setup key, or a WireGuard key "
                    + "enrolled in another account (the same answer); 412: revoked, expired or used up; 422: "
                    + "malformed input; 409: concurrent changes, retry.")
    public PeerConfiguration enroll(@RequestBody EnrollmentRequest request, HttpServletRequest http) {
        return enrollment.enroll(request, http.getServerName());
    }

    @ExceptionHandler(InvalidSetupKeyException.class)
    ResponseEntity<ErrorResponse> invalidKey(InvalidSetupKeyException invalid) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(new ErrorResponse(invalid.getMessage(), 401));
    }
}
