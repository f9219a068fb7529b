package io.netloom.server.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page at the issuer's root, which is also where the sign-in sends the person back to, with the
 * authorization code in the query: whatever the query, the answer is the same page, whose script reads it. A page,
 * not part of the API: the OpenAPI document leaves it out.
 */
@RestController
@Hidden
public class ConsolePage {

    static final String PATH = "/";

    private final Resource page = new ClassPathResource("console/index.html");

    @GetMapping(PATH)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(page);
    }
}
