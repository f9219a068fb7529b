package io.netloom.server.database;

import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's two generated passwords, kept in {@code <data-dir>/keys} (mode 0600): the
 * superuser's, used only to set the database up at start, and the password of the role the server
 * works as.
 *
 * @param superuser the password of {@code postgres}
 * @param owner the password of {@code netloom}, owner of the Netloom database
 * @param superuserCreated whether the superuser's password was generated just now (and so is not yet set in the database)
 */
record DatabasePasswords(String superuser, String owner, boolean superuserCreated) {

    static final String SUPERUSER_FILE = "postgres-superuser-password";
    static final String OWNER_FILE = "postgres-netloom-password";

    private static final SecureRandom RANDOM = new SecureRandom();

    static DatabasePasswords loadOrCreate(Path keysDirectory) throws IOException {
        Path superuserFile = keysDirectory.resolve(SUPERUSER_FILE);
        boolean superuserCreated = !Files.exists(superuserFile);
        return new DatabasePasswords(PrivateFiles.readOrCreate(superuserFile, DatabasePasswords::generate),
                PrivateFiles.readOrCreate(keysDirectory.resolve(OWNER_FILE), DatabasePasswords::generate),
                superuserCreated);
    }

    /** 256 random bits, URL-safe base64: nothing to quote in SQL, a connection string or a shell. */
    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DatabasePasswords[not shown]";
    }
}
