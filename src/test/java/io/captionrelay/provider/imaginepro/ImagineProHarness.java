package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.config.Json;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.HttpProviderRoutes;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.provider.ProviderContext;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.provider.RetryPolicy;
import io.captionrelay.quota.MemorySendLog;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.sink.RelayDatabase;
import io.captionrelay.testing.ProviderHarness;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The ImaginePro routes in a Camel context of their own, against a WireMock stub on 127.0.0.1 and an H2
 * database migrated by Flyway (as the app does). Polling is fast (tens of milliseconds) so that a job's
 * whole life fits in a short test. Two harnesses on the same stub and database stand for a restart.
 */
final class ImagineProHarness implements AutoCloseable {

    static final String KEY = ProviderHarness.KEY;
    static final ProviderTask TASK = new ProviderTask("imaginepro", "imaginepro", "describe", null, "");

    final WireMockServer stub;
    final ProviderCircuits circuits = new ProviderCircuits(java.time.Duration.ofMinutes(5));
    final DefaultCamelContext context = new DefaultCamelContext();
    final RelayDatabase database;
    final JobTable table;
    final ImagineProRoutes routes;
    /** Every image URL the URL source handed out, in order. */
    final List<URI> issuedUrls = new CopyOnWriteArrayList<>();
    final String dbUrl;
    /** The embedded HTTP server's base URL when the webhook is on, else null. */
    final String serverBase;
    private final boolean ownsStub;
    private final ImageInspector inspector = new ImageInspector(50_000_000, 100_000_000);
    private final ProducerTemplate template;

    /** A new stub and a new database. */
    static ImagineProHarness start(Map<String, String> settings) throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        return new ImagineProHarness(stub, true, newDatabaseUrl(), settings, null);
    }

    /** After a "restart": the same stub and database as {@code before}, stopped first with {@link #stopKeepingStub()}. */
    static ImagineProHarness restart(ImagineProHarness before, Map<String, String> settings, Path inbox) throws Exception {
        return new ImagineProHarness(before.stub, true, before.dbUrl, settings, inbox);
    }

    /** With a file route standing in for the drop folder: inbox → provider, .done on success, .failed on failure. */
    static ImagineProHarness withInbox(Map<String, String> settings, Path inbox) throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        return new ImagineProHarness(stub, true, newDatabaseUrl(), settings, inbox);
    }

    static String newDatabaseUrl() {
        return "jdbc:h2:mem:imaginepro-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A new stub and a new database, with answers already paid for found in {@code reuse}. */
    static ImagineProHarness start(Map<String, String> settings, io.captionrelay.provider.PreparedAnswers reuse) throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        return new ImagineProHarness(stub, true, newDatabaseUrl(), settings, null, reuse);
    }

    private ImagineProHarness(WireMockServer stub, boolean ownsStub, String dbUrl, Map<String, String> extra, Path inbox)
            throws Exception {
        this(stub, ownsStub, dbUrl, extra, inbox, null);
    }

    private ImagineProHarness(WireMockServer stub, boolean ownsStub, String dbUrl, Map<String, String> extra, Path inbox,
                              io.captionrelay.provider.PreparedAnswers reuse) throws Exception {
        this.stub = stub;
        this.ownsStub = ownsStub;
        this.dbUrl = dbUrl;
        this.database = new RelayDatabase(dbUrl, "sa", "", 4);
        this.table = new JobTable(database.dataSource());

        Map<String, String> values = new HashMap<>();
        values.put("base-url", stub.baseUrl());
        values.put("api-key", KEY);
        values.put("poll-interval", "50");
        values.put("poll-max-interval", "100");
        values.put("poller-period", "10");
        values.put("wait-timeout", "10000");
        values.put("webhook-min-gap", "0");
        values.putAll(extra);
        if ("true".equals(values.get("webhook-enabled"))) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            serverBase = "http://localhost:" + port;
            values.putIfAbsent("webhook-base-url", serverBase);
            // what camel.server.enabled=true and camel.server.port do in Camel Main
            MainHttpServer server = new MainHttpServer();
            server.setPort(port);
            context.addService(server);
        } else {
            serverBase = null;
        }
        ProviderSettings settings = new ProviderSettings(TASK.id(), TASK.provider(), key -> {
            String prefix = "relay.provider." + TASK.id() + ".";
            return key.startsWith(prefix) ? Optional.ofNullable(values.get(key.substring(prefix.length()))) : Optional.empty();
        });

        HttpComponent http = new HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        http.setResponseTimeout(Integer.parseInt(values.getOrDefault("response-timeout", "2000")));
        context.addComponent(HttpProviderRoutes.componentName(TASK.id()), io.captionrelay.provider.SentOnTheWire.install(http));
        // a waiting exchange is left behind after this long, as camel.main.shutdown-timeout does in the app
        context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setTimeout(300);

        routes = new ImagineProRoutes(new ProviderContext(settings, ProviderHarness.unchanged(), (job, image, ttl) -> {
            URI url = URI.create(stub.baseUrl() + "/media/" + job.facts().sha256() + ".jpg?expires=1&sig=s" + issuedUrls.size());
            issuedUrls.add(url);
            return url;
        }, circuits, new RetryPolicy(2, 5, 20, 3, 5),
                new QuotaGate(TASK.id(), java.util.List.of(), java.time.Duration.ZERO, settings.keys(), 16,
                        new MemorySendLog(), java.util.concurrent.Executors.newSingleThreadScheduledExecutor()),
                database.dataSource(), Json.mapper(), new io.captionrelay.observe.RelayMetrics(() -> null),
                io.captionrelay.spend.TaskBudget.unrecorded(TASK.id())));
        if (reuse != null) {
            context.getRegistry().bind(io.captionrelay.provider.PreparedAnswers.BEAN, reuse);
        }
        context.addRoutes(routes);
        if (inbox != null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file:" + inbox + "?move=.done&moveFailed=.failed&readLock=markerFile&initialDelay=0&delay=20")
                            .routeId("test-inbox")
                            .process(exchange -> {
                                byte[] bytes = exchange.getMessage().getBody(byte[].class);
                                String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
                                exchange.setProperty(RelayHeaders.JOB, new ImageJob("file:" + name, name, bytes, inspector.inspect(bytes)));
                                exchange.getMessage().setBody(TASK);
                            })
                            .to(TASK.endpoint());
                }
            });
        }
        context.start();
        template = context.createProducerTemplate();
    }

    /** Sends one image to the provider route as the pipeline does; the future completes when the route answers. */
    CompletableFuture<Exchange> send(byte[] image) throws Exception {
        ImageFacts facts = inspector.inspect(image);
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(RelayHeaders.JOB, new ImageJob("file:test.jpg", "test.jpg", image, facts));
        exchange.setProperty(RelayHeaders.PROVIDER_TASK, TASK); // as the pipeline's describe step does
        exchange.getMessage().setBody(TASK);
        return template.asyncSend(TASK.endpoint(), exchange);
    }

    /**
     * Calls the provider route on the calling thread, as an asynchronous Camel processor: returns true only
     * when the route finished before returning; otherwise {@code whenDone} is called later, from another thread.
     */
    boolean sendFromThisThread(byte[] image, Consumer<Exchange> whenDone) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(RelayHeaders.JOB, new ImageJob("file:test.jpg", "test.jpg", image, inspector.inspect(image)));
        exchange.getMessage().setBody(TASK);
        AsyncProducer producer = context.getEndpoint(TASK.endpoint()).createAsyncProducer();
        producer.start();
        return producer.process(exchange, doneSync -> whenDone.accept(exchange));
    }

    /** Sends one image and waits (a few seconds at most) for the answer or the failure. */
    ProviderAnswer describe(byte[] image) throws Exception {
        return answer(send(image));
    }

    static ProviderAnswer answer(CompletableFuture<Exchange> sent) throws Exception {
        Exchange exchange = sent.get(10, TimeUnit.SECONDS);
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

    Optional<JobTable.Row> row(String messageId) throws SQLException {
        return table.find(messageId);
    }

    String sha256(byte[] image) throws Exception {
        return inspector.inspect(image).sha256();
    }

    @Override
    public void close() {
        context.stop();
        database.close();
        if (ownsStub) {
            stub.stop();
        }
    }

    /** Stops everything but the stub, which a restarted harness goes on using. */
    void stopKeepingStub() {
        context.stop();
        database.close();
    }
}
