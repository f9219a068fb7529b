package io.netloom.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * bctls is pinned at 1.84 (the last version this mirror has) while bcprov and bcutil are at 1.87
 * (ADR 0014). Bouncy Castle does not promise that mixed versions link: this test proves they do, by
 * resolving every class, method and field of bcprov/bcutil that any bctls class (multi-release
 * variants included) refers to against the classpath the project really runs with. Bumping one of
 * them to a version that removed or changed something bctls calls fails here, not in a handshake.
 */
class BouncyCastleLinkageTest {

    @Test
    void bctlsWhenLinkedAgainstPinnedBcprovAndBcutilThenEveryReferenceResolves() throws Exception {
        Path tlsJar = Path.of(BouncyCastleJsseProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> ownClasses = new HashSet<>();
        Set<String> references = new TreeSet<>();
        readReferences(tlsJar, ownClasses, references);

        List<String> unresolved = new ArrayList<>();
        int checked = 0;
        for (String reference : references) {
            String[] parts = reference.split(" ");
            String owner = parts[1];
            if (!owner.startsWith("org/bouncycastle/") || ownClasses.contains(owner)) {
                continue;
            }
            checked++;
            if (!resolves(parts)) {
                unresolved.add(reference);
            }
        }

        assertThat(checked).as("references from bctls into bcprov/bcutil").isGreaterThan(400);
        assertThat(unresolved).as("references of bctls that bcprov/bcutil on the classpath lack").isEmpty();
    }

    private static void readReferences(Path jar, Set<String> ownClasses, Set<String> references) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class")) {
                    continue;
                }
                ownClasses.add(entry.getName().replaceFirst("^META-INF/versions/\\d+/", "").replaceAll("\\.class$", ""));
                new ClassReader(file.getInputStream(entry).readAllBytes()).accept(new ReferenceCollector(references), 0);
            }
        }
    }

    private static boolean resolves(String[] reference) {
        Class<?> owner;
        try {
            owner = Class.forName(reference[1].replace('/', '.'), false, BouncyCastleLinkageTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return switch (reference[0]) {
            case "M" -> hasMethod(owner, reference[2], reference[3]);
            case "F" -> hasField(owner, reference[2]);
            default -> true;
        };
    }

    private static boolean hasMethod(Class<?> owner, String name, String descriptor) {
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            if (declares(type, name, descriptor)) {
                return true;
            }
            for (Class<?> implemented : interfacesOf(type)) {
                if (declares(implemented, name, descriptor)) {
                    return true;
                }
            }
        }
        return owner.isInterface() && declares(Object.class, name, descriptor);
    }

    private static boolean declares(Class<?> type, String name, String descriptor) {
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Type.getConstructorDescriptor(constructor).equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasField(Class<?> owner, String name) {
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            Set<Class<?>> candidates = new LinkedHashSet<>(interfacesOf(type));
            candidates.add(type);
            for (Class<?> candidate : candidates) {
                for (Field field : candidate.getDeclaredFields()) {
                    if (field.getName().equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Set<Class<?>> interfacesOf(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(Arrays.asList(type.getInterfaces()));
        while (!pending.isEmpty()) {
            Class<?> next = pending.pop();
            if (found.add(next)) {
                pending.addAll(Arrays.asList(next.getInterfaces()));
            }
        }
        return found;
    }

    /** Collects "C owner", "M owner name descriptor" and "F owner name descriptor" for every reference in a class. */
    private static final class ReferenceCollector extends ClassVisitor {

        private final Set<String> references;

        ReferenceCollector(Set<String> references) {
            super(Opcodes.ASM9);
            this.references = references;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            if (superName != null) {
                references.add("C " + superName);
            }
            for (String implemented : interfaces == null ? new String[0] : interfaces) {
                references.add("C " + implemented);
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                        boolean isInterface) {
                    if (!owner.startsWith("[")) {
                        references.add("M " + owner + " " + method + " " + methodDescriptor);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                    references.add("F " + owner + " " + field + " " + fieldDescriptor);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (!type.startsWith("[")) {
                        references.add("C " + type);
                    }
                }
            };
        }
    }
}
