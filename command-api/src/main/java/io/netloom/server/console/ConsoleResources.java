package io.netloom.server.console;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's files and the WebJars it uses, and nothing else from the class path: Boot's own static mappings
 * are off ({@code spring.web.resources.add-mappings=false}), so a file lands on the web only by being named here.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleResources implements WebMvcConfigurer {

    static final String CONSOLE_PATTERN = "/console/**";
    static final String WEBJARS_PATTERN = "/webjars/**";
    static final String CONSOLE_LOCATION = "classpath:/console/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // The console's files keep their names from one release to the next: the browser asks again each time.
        registry.addResourceHandler(CONSOLE_PATTERN).addResourceLocations(CONSOLE_LOCATION)
                .setCacheControl(CacheControl.noCache());
        // A WebJar's path names its version, so a file there never changes.
        registry.addResourceHandler(WEBJARS_PATTERN).addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
