package io.netloom.server.readmodel.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * Writes every domain record of a single {@code String} (the typed ids, DNS labels, WireGuard keys, networks) as that
 * string in a read-model snapshot, and reads it back through the record's canonical constructor, which checks it as
 * ever (ADR 0065). As Jackson writes them elsewhere, {@code {"value":"bench-peer-0-1"}}, they were the most frequent
 * objects of a snapshot, each one a property-based creator call; a string is a third of the text and no creator
 * lookup. Only the snapshot's mapper has this module: events keep their stored form.
 */
final class SingleStringRecords {

    private static final String DOMAIN_PACKAGE = "io.netloom.domain.";

    private SingleStringRecords() {
    }

    static Module module() {
        return new SimpleModule("netloom-single-string-records") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new Serializers.Base() {
                    @Override
                    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                            BeanDescription bean) {
                        Handles record = Handles.of(type.getRawClass());
                        return record == null ? null : new AsString(record.accessor());
                    }
                });
                context.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                            BeanDescription bean) {
                        Handles record = Handles.of(type.getRawClass());
                        return record == null ? null : new FromString(type.getRawClass(), record.constructor());
                    }
                });
            }
        };
    }

    /** The accessor and the canonical constructor of a public domain record holding one {@code String}. */
    private record Handles(MethodHandle accessor, MethodHandle constructor) {

        /** Null for any other type: Jackson then reads and writes it as before. */
        static Handles of(Class<?> type) {
            if (!type.isRecord() || !type.getName().startsWith(DOMAIN_PACKAGE)) {
                return null;
            }
            RecordComponent[] components = type.getRecordComponents();
            if (components.length != 1 || components[0].getType() != String.class) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new Handles(lookup.unreflect(components[0].getAccessor()),
                        lookup.findConstructor(type, MethodType.methodType(void.class, String.class)));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    }

    private static final class AsString extends JsonSerializer<Object> {

        private final MethodHandle accessor;

        private AsString(MethodHandle accessor) {
            this.accessor = accessor;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            try {
                generator.writeString((String) accessor.invoke(value));
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("cannot read the value of " + value.getClass().getName(), e);
            }
        }
    }

    private static final class FromString extends JsonDeserializer<Object> {

        private final Class<?> type;
        private final MethodHandle constructor;

        private FromString(Class<?> type, MethodHandle constructor) {
            this.type = type;
            this.constructor = constructor;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(type, parser);
            }
            try {
                return constructor.invoke(parser.getText());
            } catch (RuntimeException e) {
                // The record refused the value (a malformed id): the snapshot is damaged, not the server.
                return context.handleInstantiationProblem(type, parser.getText(), e);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("cannot construct " + type.getName(), e);
            }
        }
    }
}
