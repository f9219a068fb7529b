/**
 * Wire DTOs mirroring the schemas of NetBird's management REST API ({@code components/schemas} of NetBird's
 * {@code openapi.yml}), so that Netloom's admin API is wire-compatible with NetBird's clients.
 *
 * <p>Conventions: JSON names are set with {@code @JsonProperty} and are exactly the schema's. Records omit
 * {@code null} properties when serialized ({@code @JsonInclude(NON_NULL)}), so every {@code required} property
 * of a response schema must always be filled. Request records use boxed types, so that a missing required
 * property arrives as {@code null} and can be rejected by the API layer, and ignore unknown properties like
 * NetBird's Go server does. Records used both inside responses and requests ({@link AccountSettings},
 * {@link AccountExtraSettings}, {@link AccountOnboarding}, {@link RulePortRange}, {@link Resource}) follow the
 * request conventions and the response ones at the same time.
 */
package io.netloom.api.netbird;
