package io.netloom.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that proves the behaviour of one query parameter of NetBird's spec on one operation,
 * e.g. {@code @CoversQueryParameter(method = "GET", path = "/api/groups", name = "name")}.
 * {@code QueryParameterCoverageTest} fails while a parameter of an implemented operation has none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(CoversQueryParameter.List.class)
public @interface CoversQueryParameter {

    String method();

    String path();

    String name();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        CoversQueryParameter[] value();
    }
}
