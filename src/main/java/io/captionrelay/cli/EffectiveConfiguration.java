package io.captionrelay.cli;

import io.captionrelay.config.RelayMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The configuration CaptionRelay would start with, read the way Camel Main reads it (application.properties,
 * then a {@code --config} file over it, then system properties, then environment variables over all), without
 * starting anything. Knows where each value came from and which {@code relay.*} names nothing reads.
 */
final class EffectiveConfiguration {

    /** One key as {@code config check} prints it; {@code source} is empty for application.properties. */
    record Entry(String key, String value, String source) {
    }

    /** A {@code relay.*} name nothing reads, where it was found, and the known name closest to it. */
    record UnknownKey(String name, String source, String suggestion) {

        String sentence() {
            return name + " is unknown; did you mean " + suggestion + "? (" + source + ")";
        }
    }

    private final PropertiesComponent properties;
    private final Properties defaults;
    private final Properties file;
    private final String fileName;
    private final Map<String, String> environment;
    private final Properties system;

    private EffectiveConfiguration(PropertiesComponent properties, Properties defaults, Properties file, String fileName,
                                   Map<String, String> environment, Properties system) {
        this.properties = properties;
        this.defaults = defaults;
        this.file = file;
        this.fileName = fileName;
        this.environment = environment;
        this.system = system;
    }

    /** {@code environment} and {@code system} are where unknown names are looked for (the process's own in real use). */
    static EffectiveConfiguration load(Path configFile, Map<String, String> environment, Properties system) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation(RelayMain.propertyLocations(configFile));
        Properties file = new Properties();
        if (configFile != null) {
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + configFile, e);
            }
        }
        return new EffectiveConfiguration(properties, classpathDefaults(), file,
                configFile == null ? null : configFile.toString(), environment, system);
    }

    Optional<String> value(String key) {
        return properties.resolveProperty(key);
    }

    /**
     * The keys application.properties declares (set or commented out), the known {@code relay.*} keys set
     * elsewhere, and the {@code camel.*} keys application.properties or the config file set.
     */
    List<Entry> entries(KnownKeys known) {
        Set<String> relay = new LinkedHashSet<>(known.declared());
        Set<String> extra = new TreeSet<>();
        names(file).stream().filter(known::isKnown).forEach(extra::add);
        names(system).stream().filter(known::isKnown).forEach(extra::add);
        environment.keySet().forEach(name -> known.forEnvironment(name).ifPresent(extra::add));
        relay.addAll(extra);
        Set<String> camel = new LinkedHashSet<>(known.camelKeys());
        names(file).stream().filter(k -> k.startsWith("camel.")).sorted().forEach(camel::add);
        List<Entry> entries = new ArrayList<>();
        for (String key : relay) {
            entries.add(entry(key));
        }
        for (String key : camel) {
            entries.add(entry(key));
        }
        return entries;
    }

    /** Every {@code relay.*} name in the config file, the environment or the system properties that nothing reads. */
    List<UnknownKey> unknownKeys(KnownKeys known) {
        List<UnknownKey> unknown = new ArrayList<>();
        for (String key : names(file)) {
            if (key.startsWith("relay.") && !known.isKnown(key)) {
                unknown.add(new UnknownKey(key, fileName, known.nearest(key)));
            }
        }
        for (String key : names(system)) {
            if (key.startsWith("relay.") && !known.isKnown(key)) {
                unknown.add(new UnknownKey(key, "system property", known.nearest(key)));
            }
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("RELAY_") && !known.isKnownEnvironmentName(name)) {
                String nearest = known.nearestEnvironmentName(name);
                unknown.add(new UnknownKey(name, "environment", nearest + " (" + known.forEnvironment(nearest).orElseThrow() + ")"));
            }
        }
        return unknown;
    }

    /** Whether {@code key} is set by the config file, a system property or the environment, not only application.properties. */
    boolean setOutsideDefaults(String key) {
        return value(key).isPresent() && !source(key).isEmpty() && !source(key).equals("default");
    }

    private Entry entry(String key) {
        Optional<String> value = value(key);
        String shown = value.map(v -> SecretKeys.shown(key, v)).orElse("(not set)");
        return new Entry(key, shown, value.isPresent() ? source(key) : "");
    }

    /** Environment variables win over system properties, which win over the file, which wins over application.properties. */
    private String source(String key) {
        String env = KnownKeys.environmentName(key);
        if (environment.containsKey(env)) {
            return "environment " + env;
        }
        if (system.containsKey(key)) {
            return "system property";
        }
        if (file.containsKey(key)) {
            return fileName;
        }
        return defaults.containsKey(key) ? "" : "default";
    }

    private static Set<String> names(Properties properties) {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Properties classpathDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = EffectiveConfiguration.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties from the class path", e);
        }
        return defaults;
    }
}
