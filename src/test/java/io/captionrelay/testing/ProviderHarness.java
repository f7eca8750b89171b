package io.captionrelay.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.HttpProviderRoutes;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.provider.RetryPolicy;
import io.captionrelay.quota.MemorySendLog;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLimit;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * One remote provider task's real routes ({@link HttpProviderRoutes}, camel-http) against a WireMock
 * stub on 127.0.0.1, for contract tests: what reaches the stub is exactly what the provider would get.
 * Retries are fast (milliseconds) so that error paths run quickly.
 */
public final class ProviderHarness implements AutoCloseable {

    /** The key the harness configures; contract tests assert how it is sent. */
    public static final String KEY = "test-key-0123456789";
    /** A setting of the harness, not the provider: appended to the stub's address to make {@code base-url}. */
    public static final String BASE_URL_PATH = "harness.base-url-path";

    public final WireMockServer stub;
    public final ProviderCircuits circuits = new ProviderCircuits(java.time.Duration.ofMinutes(5));
    public final QuotaGate gate;
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final ProviderTask task;
    private final ImageInspector inspector = new ImageInspector(50_000_000, 100_000_000);
    private org.apache.camel.ProducerTemplate template;

    /**
     * @param task     the task (its id names the routes, its provider the circuit)
     * @param adapter  builds the adapter from the settings
     * @param settings extra provider settings ({@code base-url} and {@code api-key} are set by the harness)
     */
    public ProviderHarness(ProviderTask task, Function<ProviderSettings, HttpProviderAdapter> adapter,
                           Map<String, String> settings, ImagePreparation preparation) throws Exception {
        this(task, adapter, settings, preparation, new Extension[0]);
    }

    /** @param stubExtensions WireMock extensions for the stub, e.g. a {@link QuotaEnforcer} */
    public ProviderHarness(ProviderTask task, Function<ProviderSettings, HttpProviderAdapter> adapter,
                           Map<String, String> settings, ImagePreparation preparation, Extension... stubExtensions) throws Exception {
        this.task = task;
        this.stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(stubExtensions)
                .containerThreads(40));
        stub.start();
        Map<String, String> values = new HashMap<>();
        values.put("base-url", stub.baseUrl());
        values.put("api-key", KEY);
        values.putAll(settings);
        if (settings.containsKey(BASE_URL_PATH)) { // e.g. "/v1": the stub's address with a path, as users write it
            values.put("base-url", stub.baseUrl() + settings.get(BASE_URL_PATH));
        }
        ProviderSettings providerSettings = new ProviderSettings(task.id(), task.provider(), key -> {
            String prefix = "relay.provider." + task.id() + ".";
            return key.startsWith(prefix) ? Optional.ofNullable(values.get(key.substring(prefix.length()))) : Optional.empty();
        });

        HttpComponent http = new HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        http.setResponseTimeout(Integer.parseInt(values.getOrDefault("response-timeout", "2000")));
        context.addComponent(HttpProviderRoutes.componentName(task.id()), io.captionrelay.provider.SentOnTheWire.install(http));
        gate = new QuotaGate(task.id(), QuotaLimit.parseAll(values.getOrDefault("quota", "")),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("margin", "20"))),
                providerSettings.keys(), Integer.parseInt(values.getOrDefault("max-in-flight", "4")), new MemorySendLog(),
                Executors.newSingleThreadScheduledExecutor(), Executors.newCachedThreadPool());
        context.addRoutes(new HttpProviderRoutes(adapter.apply(providerSettings), providerSettings, preparation,
                (job, image, ttl) -> URI.create(stub.baseUrl() + "/media/" + job.facts().sha256() + ".jpg"),
                circuits, new RetryPolicy(2, 5, 20, 3, 5), gate, new io.captionrelay.observe.RelayMetrics(() -> null),
                io.captionrelay.spend.TaskBudget.unrecorded(task.id())));
        context.start();
        template = context.createProducerTemplate();
    }

    /** Describes {@code image} expecting a failure of class {@code expected}, which never shows the key. */
    public RelayException failsWith(byte[] image, ErrorClass expected) {
        Throwable thrown = catchThrowable(() -> describe(image));
        assertThat(thrown).isInstanceOf(RelayException.class);
        RelayException failure = (RelayException) thrown;
        assertThat(failure.errorClass()).isEqualTo(expected);
        assertThat(failure.toString()).doesNotContain(KEY);
        return failure;
    }

    /** Every request the stub received. */
    public List<LoggedRequest> requests() {
        return stub.findAll(anyRequestedFor(anyUrl()));
    }

    /**
     * What the shared provider routes did after {@code image} failed with {@code errorClass}, with the
     * harness's retry policy (2 transient retries, 3 rate-limited): bad input is sent once more as a
     * smaller JPEG (multipart part {@code imagePart}); auth and credit stop the provider, and nothing more
     * is sent; rate limits and transient errors are retried and never stop it.
     */
    public void assertRoutesAfter(ErrorClass errorClass, byte[] image, String imagePart) {
        String provider = task.provider();
        switch (errorClass) {
            case BAD_INPUT -> {
                List<LoggedRequest> sent = requests();
                assertThat(sent).hasSize(2);
                assertThat(circuits.isOpen(provider)).isFalse();
                assertThat(sent.get(0).getPart(imagePart).getBody().asBytes()).isEqualTo(image);
                byte[] second = sent.get(1).getPart(imagePart).getBody().asBytes();
                assertThat(ImageFormat.sniff(second)).contains(ImageFormat.JPEG);
                assertThat(sent.get(1).getPart(imagePart).getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
                assertThat(width(second)).isLessThanOrEqualTo(100);
            }
            case AUTH, OUT_OF_CREDIT -> {
                assertThat(requests()).hasSize(1);
                assertThat(circuits.isOpen(provider)).isTrue();
                failsWith(image, errorClass);
                assertThat(requests()).as("nothing is sent once the provider is stopped").hasSize(1);
            }
            case RATE_LIMITED -> {
                assertThat(requests()).hasSize(4);
                assertThat(circuits.isOpen(provider)).isFalse();
            }
            case TRANSIENT -> {
                assertThat(requests()).hasSize(3);
                assertThat(circuits.isOpen(provider)).isFalse();
            }
            default -> throw new AssertionError(provider + " has no answer of class " + errorClass);
        }
    }

    private static int width(byte[] bytes) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)).getWidth();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The preparation the application uses ({@link ImagePreparer}). */
    public static ImagePreparation realPreparation() {
        ImagePreparer preparer = new ImagePreparer();
        return (job, requirements, refused) -> refused == null
                ? preparer.prepare(job.bytes(), job.facts(), requirements)
                : preparer.prepareSmaller(job.bytes(), job.facts(), requirements, refused);
    }

    /** Sends the image as-is: the original bytes, declared as their sniffed format. */
    public static ImagePreparation unchanged() {
        return (job, requirements, refused) -> new PreparedImage(job.bytes(), job.facts().format(),
                job.facts().width(), job.facts().height(), true);
    }

    /** Calls the provider route with one image, as the pipeline does; an image stuck for a minute fails the test. */
    public ProviderAnswer describe(byte[] image) throws Exception {
        return answerOf(describeAsync(image).get(60, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Sends one image without waiting: many can be in flight, as in the pipeline. */
    public java.util.concurrent.CompletableFuture<Exchange> describeAsync(byte[] image) throws Exception {
        ImageFacts facts = inspector.inspect(image);
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(RelayHeaders.JOB, new ImageJob("file:test.jpg", "test.jpg", image, facts));
        exchange.getMessage().setBody(task);
        return template.asyncSend(task.endpoint(), exchange);
    }

    /** The answer of a finished exchange, or its RelayException. */
    public static ProviderAnswer answerOf(Exchange exchange) throws Exception {
        Exception failure = exchange.getException();
        if (failure != null) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof RelayException relay) {
                    throw relay;
                }
            }
            throw failure;
        }
        return exchange.getMessage().getMandatoryBody(ProviderAnswer.class);
    }

    public String baseUrl() {
        return stub.baseUrl();
    }

    @Override
    public void close() {
        context.stop();
        stub.stop();
    }
}
