package io.netloom.ops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The image tar Jib writes (`docker save` layout), read the way a runtime would without a Docker daemon: its
 * config through skopeo, its layers unpacked in order into one root file system.
 */
final class ImageArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tar;

    ImageArchive(Path tar) {
        this.tar = tar;
    }

    /** The image's config as skopeo reads it from the archive ({@code skopeo inspect --config}). */
    JsonNode config() throws Exception {
        return JSON.readTree(Command.run(List.of("skopeo", "inspect", "--config", "docker-archive:" + tar), 60).checked());
    }

    /**
     * Unpacks the layers, base first, into {@code rootfs} (which must be empty), as root so that owners and modes
     * are the image's. Returns the paths each layer holds, in the layers' order.
     */
    List<List<String>> unpackInto(Path rootfs) throws Exception {
        JsonNode manifest = JSON.readTree(Command.run(List.of("tar", "-xOf", tar.toString(), "manifest.json"), 30).checked());
        List<List<String>> contents = new ArrayList<>();
        for (JsonNode layer : manifest.get(0).get("Layers")) {
            // Streamed: the layer is never written out whole. Jib's pax headers carry a libarchive keyword GNU tar skips.
            String listing = Command.run(List.of("bash", "-o", "pipefail", "-c",
                    "tar -xOf \"$1\" \"$2\" | tar -xzv --warning=no-unknown-keyword -C \"$3\"", "unpack",
                    tar.toString(), layer.asText(), rootfs.toString()), 120).checked();
            contents.add(Arrays.stream(listing.split("\n")).filter(line -> !line.isBlank()).toList());
        }
        return contents;
    }
}
