package io.captionrelay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README and docs/ link only inside the repository, to files and headings that exist. */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("(?m)^#+ (.*)$");

    @Test
    void should_link_only_to_files_and_headings_inside_the_repository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher link = LINK.matcher(CODE.matcher(Files.readString(doc)).replaceAll(""));
            while (link.find()) {
                String problem = problem(doc, link.group(1));
                if (problem != null) {
                    broken.add(doc + ": " + link.group(1) + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void should_check_the_readme_and_the_docs() throws IOException {
        assertThat(documents()).contains(Path.of("README.md"), Path.of("docs/architecture.md"));
    }

    private static String problem(Path doc, String link) throws IOException {
        if (link.matches("[a-z]+:.*")) {
            return "leaves the repository";
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? doc.toAbsolutePath() : doc.toAbsolutePath().getParent().resolve(file).normalize();
        if (!target.startsWith(Path.of("").toAbsolutePath())) {
            return "leaves the repository";
        }
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
            return "no such heading";
        }
        return null;
    }

    private static List<String> anchors(Path markdown) throws IOException {
        List<String> anchors = new ArrayList<>();
        Matcher heading = HEADING.matcher(Files.readString(markdown));
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }
}
