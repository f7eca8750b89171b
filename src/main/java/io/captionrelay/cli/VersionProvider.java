package io.captionrelay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: CaptionRelay's Maven project version and the Camel version it runs on, read from the
 * {@code pom.properties} files Maven packs into the jar ("development build" when run from classes).
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "CaptionRelay " + mavenVersion("io.captionrelay", "captionrelay").orElse("(development build)"),
            "Apache Camel " + mavenVersion("org.apache.camel", "camel-api").orElse("?")
                    + ", Java " + System.getProperty("java.version")
        };
    }

    static Optional<String> mavenVersion(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties pom = new Properties();
            pom.load(in);
            return Optional.ofNullable(pom.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
