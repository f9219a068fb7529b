package io.netloom.server.identity;

/** An upstream provider's discovery document could not be had: the provider is down, or answers nonsense. */
public final class ProviderUnreachableException extends RuntimeException {

    private final UpstreamProvider provider;

    public ProviderUnreachableException(UpstreamProvider provider, String reason, Throwable cause) {
        super(provider.displayName() + " (" + provider.issuerUri() + "): " + reason, cause);
        this.provider = provider;
    }

    public UpstreamProvider provider() {
        return provider;
    }
}
