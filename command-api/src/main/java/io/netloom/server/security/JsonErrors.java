package io.netloom.server.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import io.netloom.api.netbird.ErrorResponse;

/** Writes NetBird's error body from places that run before Spring MVC (security filters). */
@Component
public class JsonErrors {

    private final JsonMapper mapper;

    public JsonErrors(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), new ErrorResponse(message, status));
    }
}
