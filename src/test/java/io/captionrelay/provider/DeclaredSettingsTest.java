package io.captionrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The settings each provider plug-in declares are the reference: {@code application.properties} lists every one
 * (set to its declared default, or commented out when it has none) and no other, and the provider's page
 * {@code docs/providers/<provider>.md} has a row for each in its settings table, with the declared default.
 */
class DeclaredSettingsTest {

    private static final Pattern PROPERTY = Pattern.compile("^(#\\s*)?relay\\.provider\\.([a-z0-9-]+)\\.([a-z0-9.-]+)\\s*=\\s*(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|(.*)$");

    /** relay.provider.<owner>.<key> → the value ("#" first when commented out). */
    private static Map<String, String> properties() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher m = PROPERTY.matcher(line.strip());
            if (m.matches()) {
                found.put(m.group(2) + "." + m.group(3), (m.group(1) == null ? "" : "#") + m.group(4).strip());
            }
        }
        return found;
    }

    @Test
    void should_list_every_declared_setting_in_application_properties_with_its_default() throws IOException {
        Map<String, String> properties = properties();
        List<String> problems = new ArrayList<>();
        for (ProviderPlugin plugin : ProviderCatalog.plugins()) {
            for (SettingDeclaration setting : plugin.settings()) {
                String value = properties.get(plugin.name() + "." + setting.key());
                if (value == null) {
                    problems.add("relay.provider." + plugin.name() + "." + setting.key() + " is missing");
                } else if (setting.defaultValue().isEmpty() != value.startsWith("#")
                        || !setting.defaultValue().isEmpty() && !value.equals(setting.defaultValue())) {
                    problems.add("relay.provider." + plugin.name() + "." + setting.key() + " is '" + value
                            + "', declared default '" + setting.defaultValue() + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void should_declare_every_provider_setting_of_application_properties() throws IOException {
        List<String> undeclared = new ArrayList<>();
        for (String key : properties().keySet()) {
            String owner = key.substring(0, key.indexOf('.'));
            String setting = key.substring(key.indexOf('.') + 1);
            Optional<ProviderPlugin> plugin = ProviderCatalog.plugin(owner)
                    .or(() -> ProviderCatalog.entry(owner).flatMap(e -> ProviderCatalog.plugin(e.provider())));
            if (plugin.isEmpty() || plugin.get().settings().stream().noneMatch(s -> s.key().equals(setting))) {
                undeclared.add("relay.provider." + key);
            }
        }
        assertThat(undeclared).isEmpty();
    }

    @Test
    void should_document_every_declared_setting_with_its_default_on_the_provider_page() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ProviderPlugin plugin : ProviderCatalog.plugins()) {
            Path page = Path.of("docs/providers", plugin.name() + ".md");
            Map<String, String> rows = new LinkedHashMap<>();
            if (Files.isRegularFile(page)) {
                for (String line : Files.readAllLines(page)) {
                    Matcher m = TABLE_ROW.matcher(line.strip());
                    if (m.matches()) {
                        rows.putIfAbsent(m.group(1), m.group(2));
                    }
                }
            }
            for (SettingDeclaration setting : plugin.settings()) {
                String row = rows.get(setting.key());
                if (row == null) {
                    problems.add(page + ": no row for " + setting.key());
                } else if (!setting.defaultValue().isEmpty() && !row.contains("`" + setting.defaultValue() + "`")) {
                    problems.add(page + ": the row of " + setting.key() + " does not give the default `" + setting.defaultValue() + "`");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
