package io.captionrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link RelayHeaders} is the one exchange contract: every header and property name the project uses is named there. */
class RelayHeadersTest {

    private static final Pattern NAME = Pattern.compile("\\bCaptionRelay[A-Z][A-Za-z0-9]*\\b");

    @Test
    void every_name_in_the_routes_and_the_code_is_a_constant_of_the_contract() throws Exception {
        Set<String> contract = contract();
        Set<String> used = new TreeSet<>();
        for (Path root : new Path[] {Path.of("routes"), Path.of("src/main/java")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".java")).toList()) {
                    if (!file.endsWith("RelayHeaders.java")) {
                        used.addAll(names(file));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty().isSubsetOf(contract);
    }

    @Test
    void java_code_names_headers_only_through_the_contract() throws IOException {
        Set<String> literals = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("RelayHeaders.java")).toList()) {
                Matcher m = Pattern.compile("\"(CaptionRelay[A-Z][A-Za-z0-9]*)\"").matcher(Files.readString(file));
                while (m.find()) {
                    literals.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    @Test
    void no_two_constants_share_a_name() throws Exception {
        Set<String> seen = new HashSet<>();
        for (Field field : RelayHeaders.class.getFields()) {
            assertThat(seen.add((String) field.get(null))).as(field.getName()).isTrue();
        }
    }

    private static Set<String> contract() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        for (Field field : RelayHeaders.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static Set<String> names(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(Files.readString(file));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
