package io.netloom.server.cluster;

/** Whether this process is the one that runs the work to be done once per cluster (ADR 0056). */
@FunctionalInterface
public interface Leadership {

    /** A process on its own: always the leader. */
    Leadership ALONE = () -> true;

    /** Asked at the start of every run of such work; the answer may change between two runs. */
    boolean isLeader();
}
