package io.captionrelay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageFacts;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.pipeline.CaptionResult;
import io.captionrelay.pipeline.ImageJob;
import io.captionrelay.pipeline.ProviderTask;
import io.captionrelay.pipeline.RelayHeaders;
import io.captionrelay.pipeline.SafePath;
import io.captionrelay.provider.ProviderAnswer;
import io.captionrelay.provider.ProviderCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;

/**
 * {@code describe --provider NAME FILE}: tries one provider task on one file from the terminal and
 * prints the canonical result as JSON. Nothing is read from or written to the inbox, the outbox or
 * the ledger; the provider is called (and paid) every time.
 */
final class DescribeCommand {

    private DescribeCommand() {
    }

    /** @return the process exit code: 0 described, 1 the provider or the image refused, 64 bad usage */
    static int run(String provider, Path file, Path config, PrintStream out, PrintStream err) throws Exception {
        if (provider == null || file == null || !Files.isReadable(file)) {
            err.println("describe needs --provider NAME and a readable image file; providers: " + ProviderCatalog.known());
            return 64;
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("relay.providers", provider);
        overrides.put("camel.management.enabled", "false");
        // no sources and no sinks: only the provider is used
        overrides.put("camel.main.routes-include-pattern", "classpath:captionrelay/no-routes/*.camel.yaml");
        Main main = CaptionRelay.create(config, overrides);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ObjectMapper mapper = context.getRegistry().lookupByNameAndType(RelayConfiguration.OBJECT_MAPPER, ObjectMapper.class);
            ImageInspector inspector = context.getRegistry().lookupByNameAndType(RelayConfiguration.INSPECTOR, ImageInspector.class);
            ProviderTask task = ProviderCatalog.tasks(List.of(provider), context.getPropertiesComponent()::resolveProperty).get(0);
            byte[] bytes = Files.readAllBytes(file);
            ImageFacts facts = inspector.inspect(bytes);
            ImageJob job = new ImageJob("file:" + file.getFileName(), SafePath.of(file.getFileName().toString()), bytes, facts);

            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(RelayHeaders.JOB, job);
            exchange.getMessage().setBody(task);
            long started = System.nanoTime();
            context.createProducerTemplate().send(task.endpoint(), exchange);
            if (exchange.getException() != null) {
                RelayException relay = exchange.getException(RelayException.class);
                err.println(relay != null ? relay.errorClass().label() + ": " + relay.getMessage() : exchange.getException().toString());
                return 1;
            }
            ProviderAnswer answer = exchange.getMessage().getMandatoryBody(ProviderAnswer.class);
            CaptionResult result = CaptionResult.of(job, task, answer, (System.nanoTime() - started) / 1_000_000, Instant.now());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return 0;
        } catch (RelayException e) {
            err.println(e.errorClass().label() + ": " + e.getMessage());
            return 1;
        } finally {
            main.stop();
        }
    }
}
