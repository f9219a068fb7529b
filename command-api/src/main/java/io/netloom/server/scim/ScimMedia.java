package io.netloom.server.scim;

import org.springframework.http.MediaType;

/** SCIM's media type (RFC 7644 §3.1); clients may also send plain JSON, and both are accepted. */
final class ScimMedia {

    static final String SCIM_JSON_VALUE = "application/scim+json";
    static final MediaType SCIM_JSON = MediaType.parseMediaType(SCIM_JSON_VALUE);
    static final String BASE_PATH = "/scim/v2";

    private ScimMedia() {
    }

    /** Whether a request body declared as {@code contentType} is JSON that SCIM reads. */
    static boolean isAccepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(SCIM_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
