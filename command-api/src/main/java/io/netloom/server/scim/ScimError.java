package io.netloom.server.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 7644 §3.12's error body; {@code status} is a string there, and {@code scimType} only for some 400s. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimError(List<String> schemas, String status, String scimType, String detail) {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    static ScimError of(int status, String scimType, String detail) {
        return new ScimError(List.of(SCHEMA), Integer.toString(status), scimType, detail);
    }
}
