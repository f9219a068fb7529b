package io.netloom.server.database;

import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}: password (SCRAM-SHA-256) logins over loopback TCP only.
 * No {@code trust} line, no Unix-socket line (the socket is switched off), no replication; the server's
 * role reaches only its own database. Rewritten at every start, so edits and the file initdb wrote
 * (trust for everyone) do not survive.
 */
final class HostBasedAccess {

    static final String CONTENT = """
            # Written by Netloom at every start of its embedded PostgreSQL; changes are overwritten.
            # Password logins (SCRAM-SHA-256) over loopback TCP only: no trust, no Unix socket, no replication.
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            host    %s   %s   127.0.0.1/32   scram-sha-256
            host    all       %s  127.0.0.1/32   scram-sha-256
            """.formatted(EmbeddedDatabase.DATABASE, EmbeddedDatabase.OWNER, EmbeddedDatabase.SUPERUSER);

    private HostBasedAccess() {
    }

    static boolean isCurrent(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("pg_hba.conf");
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(CONTENT);
    }

    static void write(Path dataDirectory) throws IOException {
        PrivateFiles.write(dataDirectory.resolve("pg_hba.conf"), CONTENT);
    }
}
