package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's API inside the lab, called with curl over TLS from the "internet" namespace: as the lab's admin (the
 * admin token the server wrote at its first start), or as a SCIM client with its bearer token.
 */
final class LabApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverUrl;
    private final Path certificate;
    private final String authorization;
    private final String contentType;

    LabApi() {
        this(Lab.SERVER_URL, Lab.SERVER_CERTIFICATE, "Token " + adminToken(Lab.LAB_DIR.resolve("server/admin-token")),
                "application/json");
    }

    private LabApi(String serverUrl, Path certificate, String authorization, String contentType) {
        this.serverUrl = serverUrl;
        this.certificate = certificate;
        this.authorization = authorization;
        this.contentType = contentType;
    }

    /** A SCIM 2.0 client (RFC 7644) holding the given SCIM token. */
    static LabApi scim(String token) {
        return new LabApi(Lab.SERVER_URL, Lab.SERVER_CERTIFICATE, "Bearer " + token, "application/scim+json");
    }

    /** The lab's admin at a server other than the single one, e.g. one process of the cluster ({@link LabCluster}). */
    static LabApi admin(String serverUrl, Path certificate, Path adminTokenFile) {
        return new LabApi(serverUrl, certificate, "Token " + adminToken(adminTokenFile), "application/json");
    }

    private static String adminToken(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new AssertionError("no admin token: " + e.getMessage(), e);
        }
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    JsonNode patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    void delete(String path) {
        call("DELETE", path, null);
    }

    private JsonNode call(String method, String path, Object body) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-X", method,
                "--cacert", certificate.toString(),
                "-H", "Authorization: " + authorization, "-H", "Content-Type: " + contentType,
                "-w", "\n%{http_code}"));
        try {
            if (body != null) {
                command.addAll(List.of("--data-binary", JSON.writeValueAsString(body)));
            }
            command.add(serverUrl + path);
            Lab.Result result = Lab.check(Lab.in("inet", command.toArray(String[]::new)));
            String output = result.output().strip();
            int split = output.lastIndexOf('\n');
            int status = Integer.parseInt(output.substring(split + 1).trim());
            String text = split < 0 ? "" : output.substring(0, split);
            if (status / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + status + ": " + text);
            }
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e.getMessage(), e);
        }
    }
}
