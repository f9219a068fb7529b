package io.netloom.server.scim;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes SCIM's error body from the security filters, which run before Spring MVC. */
@Component
public class ScimErrors {

    private final JsonMapper mapper;

    public ScimErrors(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether the request is a SCIM client's, whose errors must be in SCIM's format wherever they are written. */
    public static boolean isScimRequest(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equals(ScimMedia.BASE_PATH) || path.startsWith(ScimMedia.BASE_PATH + "/"));
    }

    public void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(ScimMedia.SCIM_JSON_VALUE);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"netloom-scim\"");
        }
        mapper.writeValue(response.getOutputStream(), ScimError.of(status, null, detail));
    }
}
