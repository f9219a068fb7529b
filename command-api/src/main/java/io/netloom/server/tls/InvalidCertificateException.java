package io.netloom.server.tls;

/** PEM files that cannot serve as the server's certificate; the message says why and which file. */
public final class InvalidCertificateException extends Exception {

    public InvalidCertificateException(String message) {
        super(message);
    }
}
