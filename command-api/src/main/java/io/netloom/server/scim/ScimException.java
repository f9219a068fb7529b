package io.netloom.server.scim;

/**
 * A request SCIM answers with an error (RFC 7644 §3.12): the HTTP status, the {@code scimType} RFC 7644 defines for
 * 400 answers (null for the others) and a detail for the person reading the client's log. Never a secret inside.
 */
public final class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    private ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return badRequest("invalidSyntax", detail);
    }

    public static ScimException invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return badRequest("invalidFilter", detail);
    }

    public static ScimException invalidPath(String detail) {
        return badRequest("invalidPath", detail);
    }

    public static ScimException mutability(String detail) {
        return badRequest("mutability", detail);
    }

    public static ScimException noTarget(String detail) {
        return badRequest("noTarget", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException status(int status, String detail) {
        return new ScimException(status, null, detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }
}
