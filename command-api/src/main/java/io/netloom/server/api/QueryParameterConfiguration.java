package io.netloom.server.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Applies {@link QueryParameterGuard} to every API path. */
@Configuration(proxyBeanMethods = false)
public class QueryParameterConfiguration implements WebMvcConfigurer {

    private final QueryParameterGuard guard;

    public QueryParameterConfiguration(QueryParameterGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard).addPathPatterns("/api/**");
    }
}
