package io.netloom.server.api;

import io.netloom.server.scim.ScimErrors;
import io.netloom.server.security.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over 1 MiB with 413 before anything reads them: by the declared length at once, and
 * by counting for chunked bodies that declare none.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final JsonErrors errors;
    private final ScimErrors scimErrors;

    public RequestSizeLimitFilter(JsonErrors errors, ScimErrors scimErrors) {
        this.errors = errors;
        this.scimErrors = scimErrors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            String message = "request body is larger than " + MAX_BODY_BYTES + " bytes";
            // A SCIM client reads RFC 7644's error body, and the API's clients NetBird's.
            if (ScimErrors.isScimRequest(request)) {
                scimErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, message);
            } else {
                errors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, message);
            }
            return;
        }
        chain.doFilter(new LimitedRequest(request), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream delegate = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int value = delegate.read();
                    count(value < 0 ? 0 : 1);
                    return value;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = delegate.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > MAX_BODY_BYTES) {
                        throw new RequestTooLargeException(MAX_BODY_BYTES);
                    }
                }

                @Override
                public boolean isFinished() {
                    return delegate.isFinished();
                }

                @Override
                public boolean isReady() {
                    return delegate.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    delegate.setReadListener(listener);
                }
            };
        }
    }
}
