package io.netloom.gateway.tls;

import io.netloom.gateway.protocol.ChannelBinding;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.internal.http.WebSocketInternal;
import javax.net.ssl.SSLEngine;

/**
 * Reads the channel binding of a Vert.x WebSocket, on either end. Vert.x has no public way to reach
 * a connection's {@link SSLEngine}: this is the one place that uses its internal API (the Netty
 * pipeline's {@link SslHandler}), so that a Vert.x upgrade that changes it breaks here, loudly, and in
 * {@code TlsChannelsTest}. Anything unexpected is an error, never a silent "unbound": the caller
 * then refuses the sign-in.
 */
public final class TlsChannels {

    private TlsChannels() {
    }

    /** The binding of an open WebSocket: unbound over plain TCP, else its exporter and the server's certificate. */
    public static ChannelBinding bindingOf(WebSocketBase socket) {
        if (!socket.isSsl()) {
            return ChannelBinding.unbound();
        }
        SSLEngine engine = engineOf(socket);
        if (!(engine instanceof ChannelBindingSslEngine bound)) {
            throw new IllegalStateException("the connection's TLS engine is " + engine.getClass().getName()
                    + ", which does not keep the tls-exporter: configure " + BouncyCastleTlsEngine.class.getSimpleName());
        }
        return bound.channelBinding();
    }

    private static SSLEngine engineOf(WebSocketBase socket) {
        if (!(socket instanceof WebSocketInternal internal)) {
            throw new IllegalStateException("Vert.x WebSocket " + socket.getClass().getName()
                    + " no longer exposes its channel (WebSocketInternal)");
        }
        SslHandler handler = internal.channelHandlerContext().pipeline().get(SslHandler.class);
        if (handler == null) {
            throw new IllegalStateException("no SslHandler in the pipeline of a TLS WebSocket");
        }
        return handler.engine();
    }
}
