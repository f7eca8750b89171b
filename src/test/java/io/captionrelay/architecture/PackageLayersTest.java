package io.captionrelay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' layering (docs/architecture.md): a package may use only packages below it, so no package cycle
 * can form. Sub-packages count as their top package ({@code provider.openai} is {@code provider}); a reference is
 * an import or a qualified name in the code.
 */
class PackageLayersTest {

    /** Lowest first. */
    static final List<String> LAYERS = List.of("model", "areas", "failure", "settings", "db", "cluster", "image", "quota", "observe", "spend", "media",
            "provider", "pipeline", "inbox", "sink", "s3", "events", "config", "cli");

    private static final Path MAIN = Path.of("src/main/java/io/captionrelay");
    private static final Pattern REFERENCE = Pattern.compile("io\\.captionrelay\\.([a-z0-9]+)\\.");

    @Test
    void every_package_uses_only_packages_below_it() throws IOException {
        Set<String> upward = new TreeSet<>();
        for (String[] arrow : arrows()) {
            int from = layer(arrow[0]);
            int to = layer(arrow[1]);
            if (to > from) {
                upward.add(arrow[0] + " -> " + arrow[1]);
            }
        }
        assertThat(upward).as("arrows pointing up the layers " + LAYERS).isEmpty();
    }

    @Test
    void the_model_uses_nothing_of_the_project() throws IOException {
        assertThat(arrows()).noneMatch(arrow -> arrow[0].equals("model"));
    }

    @Test
    void every_package_has_a_layer() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            assertThat(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .allMatch(LAYERS::contains);
        }
    }

    private static int layer(String pkg) {
        int at = LAYERS.indexOf(pkg);
        assertThat(at).as("layer of package " + pkg).isNotNegative();
        return at;
    }

    /** Every reference from one top package to another, as {from, to}. */
    private static List<String[]> arrows() throws IOException {
        List<String[]> arrows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the launcher class at the root
                }
                String from = relative.getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(file).replaceFirst("(?m)^package .*$", ""));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        arrows.add(new String[] {from, m.group(1)});
                    }
                }
            }
        }
        return arrows;
    }
}
