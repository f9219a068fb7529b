package io.netloom.server.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster state PostgreSQL keeps in {@code global/pg_control}: whether it was shut down cleanly or
 * needs crash recovery before it accepts connections.
 */
final class ControlFile {

    /** {@code ControlFileData} starts with system_identifier (8 bytes), two version numbers (4 + 4), then state. */
    private static final int STATE_OFFSET = 16;
    private static final int SHUT_DOWN = 1;
    private static final int SHUT_DOWN_IN_RECOVERY = 2;

    private ControlFile() {
    }

    /** True unless the control file says the cluster was shut down cleanly (it is written in native byte order). */
    static boolean needsRecovery(Path dataDirectory) throws IOException {
        byte[] head = new byte[STATE_OFFSET + Integer.BYTES];
        try (InputStream in = Files.newInputStream(dataDirectory.resolve("global").resolve("pg_control"))) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return true;
            }
        }
        int state = ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).getInt(STATE_OFFSET);
        return state != SHUT_DOWN && state != SHUT_DOWN_IN_RECOVERY;
    }
}
