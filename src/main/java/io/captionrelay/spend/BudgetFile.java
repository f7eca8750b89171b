package io.captionrelay.spend;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps that change without a restart: a properties file ({@code relay.spend.budget-file}) with lines
 * {@code <task>.per-day = 500} and {@code <task>.per-month = 10000}, read again whenever its modification
 * time changes (looked at before each paid call). A cap set there replaces the task's configured one; a
 * file that is missing or cannot be read leaves the configured caps, and says so once.
 */
public final class BudgetFile {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetFile.class);

    private final Path file;
    private volatile FileTime seen;
    private volatile Map<String, BudgetCaps> caps = Map.of();
    private volatile String lastProblem;

    public BudgetFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The caps this file sets for {@code task}, read again first when the file changed. */
    public BudgetCaps capsOf(String task) {
        refresh();
        return caps.getOrDefault(task, BudgetCaps.NONE);
    }

    private synchronized void refresh() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(seen)) {
                return;
            }
            Properties read = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                read.load(in);
            }
            Map<String, BudgetCaps> parsed = new ConcurrentHashMap<>();
            for (String name : read.stringPropertyNames()) {
                int dot = name.lastIndexOf('.');
                String period = dot < 0 ? "" : name.substring(dot + 1);
                if (!period.equals("per-day") && !period.equals("per-month")) {
                    throw new IllegalArgumentException("'" + name + "' is not <task>.per-day or <task>.per-month");
                }
                String task = name.substring(0, dot);
                BudgetCaps one = period.equals("per-day")
                        ? BudgetCaps.parse(read.getProperty(name), null) : BudgetCaps.parse(null, read.getProperty(name));
                parsed.merge(task, one, BudgetCaps::overriddenBy);
            }
            caps = Map.copyOf(parsed);
            seen = modified;
            lastProblem = null;
            LOG.info("Budget caps read from {}: {}", file, caps);
        } catch (NoSuchFileException missing) {
            caps = Map.of();
            seen = null;
            said("the budget file " + file + " does not exist: the configured caps apply");
        } catch (IOException | IllegalArgumentException e) {
            said("the budget file " + file + " cannot be read (" + e.getMessage() + "): the caps read before stay");
        }
    }

    private void said(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            LOG.warn("{}", problem);
        }
    }
}
