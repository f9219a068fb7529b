package io.netloom.daemon.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the CLI asks the running daemon over its control socket. */
public record ControlRequest(@JsonProperty("command") String command) {

    public static final String STATUS = "status";
    public static final String DOWN = "down";
}
