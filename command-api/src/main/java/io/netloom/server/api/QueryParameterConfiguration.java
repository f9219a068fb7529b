package io.netloom.server.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Applies {@link QueryParameterGuard}, then {@link ReadModelsCurrent}, to every API path. */
@Configuration(proxyBeanMethods = false)
public class QueryParameterConfiguration implements WebMvcConfigurer {

    private final QueryParameterGuard guard;
    private final ReadModelsCurrent readModelsCurrent;

    public QueryParameterConfiguration(QueryParameterGuard guard, ReadModelsCurrent readModelsCurrent) {
        this.guard = guard;
        this.readModelsCurrent = readModelsCurrent;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard).addPathPatterns("/api/**");
        // After the guard: a request refused for its parameters waits for nothing.
        registry.addInterceptor(readModelsCurrent).addPathPatterns("/api/**");
    }
}
