package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The admin API of the server inside the lab, called with curl over TLS from the "internet" namespace. */
final class LabApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;

    LabApi() {
        try {
            this.token = Files.readString(Lab.LAB_DIR.resolve("server/admin-token")).trim();
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

    void delete(String path) {
        call("DELETE", path, null);
    }

    private JsonNode call(String method, String path, Object body) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-X", method,
                "--cacert", Lab.SERVER_CERTIFICATE.toString(),
                "-H", "Authorization: Token " + token, "-H", "Content-Type: application/json",
                "-w", "\n%{http_code}"));
        try {
            if (body != null) {
                command.addAll(List.of("--data-binary", JSON.writeValueAsString(body)));
            }
            command.add(Lab.SERVER_URL + path);
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
