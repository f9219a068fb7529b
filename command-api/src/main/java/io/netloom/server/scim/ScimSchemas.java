package io.netloom.server.scim;

import java.util.Set;

/** The schema URNs of RFC 7643 and RFC 7644 that Netloom's SCIM endpoint speaks. */
final class ScimSchemas {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    /** Entra ID and Okta send it with every user; its attributes (department, manager...) are not kept. */
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    static final Set<String> USER_BODY = Set.of(USER, ENTERPRISE_USER);
    static final Set<String> GROUP_BODY = Set.of(GROUP);
    static final Set<String> PATCH_BODY = Set.of(PATCH_OP);

    private ScimSchemas() {
    }
}
