package io.netloom.server.directorysync;

/** The directory could not be read completely: an outage, never evidence that anyone left. */
public class DirectoryUnavailableException extends Exception {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
