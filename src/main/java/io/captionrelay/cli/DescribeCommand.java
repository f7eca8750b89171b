package io.captionrelay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.config.RelayMain;
import io.captionrelay.config.StartPlan;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import io.captionrelay.pipeline.AnswerRules;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.settings.Settings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code describe --provider NAME IMAGE}: tries one provider task on one file from the terminal and
 * prints the canonical result as JSON. Nothing is read from or written to the inbox, the outbox or
 * the ledger; the provider is called (and paid) every time.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Try one provider task on one image and print the result as JSON.",
            "Nothing is read from or written to the inbox, the outbox or the ledger; the provider is called every time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:described", "1:the provider or the image refused (the reason is printed)",
            "64:wrong command line (unknown provider, unreadable image)", "78:the configuration is wrong"})
public final class DescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", required = true, paramLabel = "NAME",
            description = "The provider task, one of: ${COMPLETION-CANDIDATES}.", completionCandidates = ProviderNames.class)
    String provider;

    @Parameters(paramLabel = "IMAGE", description = "The image file.")
    Path image;

    @Mixin
    ConfigFileOption config;

    /** The names {@code --provider} accepts, for the help text. */
    static final class ProviderNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ProviderCatalog.known().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (ProviderCatalog.entry(provider).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unknown provider '" + provider + "'; known: "
                    + String.join(", ", ProviderCatalog.known()));
        }
        if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
            throw new ParameterException(spec.commandLine(), image + ": no readable image file there");
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("relay.providers", provider);
        try (QuietStart quiet = QuietStart.of("describe")) {
            // only the provider's routes (and the database for a paid task's spend): StartPlan
            Main main = RelayMain.create(config.file(), overrides, StartPlan.describe());
            try {
                main.start();
                quiet.said(main.getCamelContext());
            } catch (Exception e) {
                ServiceRun.stopQuietly(main);
                throw ConfigurationProblem.of(e);
            }
            try {
                return describe(main.getCamelContext(), spec.commandLine().getOut(), spec.commandLine().getErr());
            } finally {
                main.stop();
            }
        }
    }

    private int describe(CamelContext context, PrintWriter out, PrintWriter err) throws Exception {
        try {
            ObjectMapper mapper = context.getRegistry().lookupByNameAndType(RelayConfiguration.OBJECT_MAPPER, ObjectMapper.class);
            ImageInspector inspector = context.getRegistry().lookupByNameAndType(RelayConfiguration.INSPECTOR, ImageInspector.class);
            ProviderTask task = ProviderCatalog.tasks(List.of(provider), context.getPropertiesComponent()::resolveProperty).get(0);
            byte[] bytes = Files.readAllBytes(image);
            ImageFacts facts = inspector.inspect(bytes);
            ImageJob job = new ImageJob("file:" + image.getFileName(), SafePath.of(image.getFileName().toString()), bytes, facts);

            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(RelayHeaders.JOB, job);
            exchange.getMessage().setBody(task);
            long started = System.nanoTime();
            context.createProducerTemplate().send(task.endpoint(), exchange);
            if (exchange.getException() != null) {
                RelayException relay = exchange.getException(RelayException.class);
                err.println(relay != null ? relay.errorClass().label() + ": " + relay.getMessage() : exchange.getException().toString());
                return ExitCodes.REFUSED;
            }
            ProviderAnswer answer = AnswerRules.from(new Settings(context.getPropertiesComponent()))
                    .apply(exchange.getMessage().getMandatoryBody(ProviderAnswer.class));
            CaptionResult result = CaptionResult.of(job, task, answer, (System.nanoTime() - started) / 1_000_000, Instant.now());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return ExitCodes.OK;
        } catch (RelayException e) {
            err.println(e.errorClass().label() + ": " + e.getMessage());
            return ExitCodes.REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
