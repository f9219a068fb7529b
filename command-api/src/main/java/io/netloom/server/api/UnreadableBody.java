package io.netloom.server.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says why a request body could not be read, naming the offending field by its JSON path
 * ({@code rules[0].port_ranges[1].start}) and the JSON type it must have, in words a caller can act
 * on: never a Java class name, never the parser's own message.
 */
final class UnreadableBody {

    private static final int MAX_ECHOED_NAME = 64;

    private UnreadableBody() {
    }

    static String describe(Throwable failure) {
        JacksonException jackson = jacksonCause(failure);
        if (jackson == null) {
            return "request body is missing or is not valid JSON";
        }
        String path = pathOf(jackson.getPath());
        if (jackson instanceof InvalidNullException) {
            return prefixed(path, "must not be null");
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return prefixed(path, "expected " + expected(mismatch.getTargetType()) + got(mismatch));
        }
        if (jackson instanceof InputCoercionException outOfRange) {
            return prefixed(path, "number out of range for " + expected(outOfRange.getTargetType()));
        }
        if (jackson instanceof StreamConstraintsException) {
            return "request body exceeds a parser limit (nesting depth, number or string length)";
        }
        if (jackson instanceof StreamReadException && jackson.getOriginalMessage() != null
                && jackson.getOriginalMessage().startsWith("Duplicate Object property")) {
            return prefixed(path, "duplicate property " + duplicateName(jackson.getOriginalMessage())
                    + ": each property may appear once");
        }
        var location = jackson.getLocation();
        return location == null || location.getLineNr() < 1
                ? "request body is not valid JSON"
                : "request body is not valid JSON (line " + location.getLineNr() + ", column "
                        + location.getColumnNr() + ")";
    }

    private static JacksonException jacksonCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The JSON path of the failing value, e.g. {@code rules[0].name}; empty for the body itself. */
    static String pathOf(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(truncated(reference.getPropertyName()));
            }
        }
        return path.toString();
    }

    private static String prefixed(String path, String problem) {
        return (path.isEmpty() ? "request body" : path) + ": " + problem;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char[].class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class || type == int.class || type == long.class || type == short.class
                || type == byte.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "another JSON type";
    }

    private static String got(MismatchedInputException mismatch) {
        JsonToken token = mismatch.getCurrentToken();
        if (token == null && mismatch.processor() instanceof tools.jackson.core.JsonParser parser) {
            token = parser.currentToken();
        }
        if (token == null) {
            return "";
        }
        return switch (token) {
            case VALUE_STRING -> ", got a string";
            case VALUE_NUMBER_INT -> ", got an integer";
            case VALUE_NUMBER_FLOAT -> ", got a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> ", got a boolean";
            case START_OBJECT, END_OBJECT, PROPERTY_NAME -> ", got an object";
            case START_ARRAY, END_ARRAY -> ", got an array";
            case VALUE_NULL -> ", got null";
            default -> "";
        };
    }

    private static String duplicateName(String parserMessage) {
        int start = parserMessage.indexOf('"');
        int end = parserMessage.lastIndexOf('"');
        return start >= 0 && end > start ? "\"" + truncated(parserMessage.substring(start + 1, end)) + "\"" : "";
    }

    private static String truncated(String userText) {
        return userText.length() <= MAX_ECHOED_NAME ? userText : userText.substring(0, MAX_ECHOED_NAME) + "…";
    }
}
