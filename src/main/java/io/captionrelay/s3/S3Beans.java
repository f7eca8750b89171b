package io.captionrelay.s3;

import io.captionrelay.settings.Settings;
import io.captionrelay.sink.MetadataWriteBack;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.areas.PendingReturn;
import io.captionrelay.media.ImageUrlSource;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Wires S3 from {@code relay.s3.*}: one S3 client and one presigner, shared by every aws2-s3
 * endpoint in {@code routes/} ({@code amazonS3Client=#relayS3Client}) and by {@link S3Store}, through
 * which the beans those routes call (the bucket's item areas, the write-back sink) and the
 * {@link S3PresignedUrls} for URL-only providers reach S3.
 *
 * <p>Building the client here rather than from endpoint options keeps credentials out of endpoint
 * URIs, gives every route the same endpoint override and path-style setting, and gives the presigner
 * the path-style addressing the component's own presigner lacks. Nothing here touches the network:
 * credentials and buckets are first used when a route or a provider needs them.
 */
public final class S3Beans {

    /** Registry names the YAML routes use. */
    public static final String CLIENT = "relayS3Client";
    public static final String PRESIGNER = "relayS3Presigner";
    public static final String ITEMS = "s3Items";
    public static final String SINK = "s3Sink";
    public static final String STORE = "s3Store";
    public static final String PENDING_RETURN = "s3PendingReturn";

    private static final Logger LOG = LoggerFactory.getLogger(S3Beans.class);

    private final S3Settings settings;
    private final ImageUrlSource urls;

    private S3Beans(S3Settings settings, ImageUrlSource urls) {
        this.settings = settings;
        this.urls = urls;
    }

    /**
     * Reads and checks the settings, binds the client, presigner, store and route beans, and closes them when
     * Camel stops. {@code goesBack} decides which pending objects go back (see {@link PendingReturn}).
     */
    public static S3Beans register(CamelContext context, Settings config, ObjectMapper sidecarMapper,
                                   Predicate<Supplier<byte[]>> goesBack) throws Exception {
        S3Settings settings = S3Settings.read(config);
        var registry = context.getRegistry();
        // made (and bound) on first use: a run that never touches S3 loads none of the SDK
        Lazy<S3Client> client = new Lazy<>(() -> client(settings), made -> registry.bind(CLIENT, S3Client.class, made));
        Lazy<S3Presigner> presigner = new Lazy<>(() -> presigner(settings), made -> registry.bind(PRESIGNER, S3Presigner.class, made));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                presigner.closeIfMade();
                client.closeIfMade();
            }
        }, true);
        if (settings.enabled()) {
            client.get(); // the bucket source's consumer names #relayS3Client
        }
        // the client the aws2-s3 consumers use, looked up at each call: one client for routes and Java alike
        S3Store store = new S3Store(() -> {
            S3Client bound = registry.lookupByNameAndType(CLIENT, S3Client.class);
            return bound != null ? bound : client.get();
        }, presigner);
        registry.bind(STORE, store);
        BucketAreas areas = new BucketAreas(settings, store);
        registry.bind(ITEMS, new S3Items(settings, config.longValue("relay.image.max-bytes"), areas));
        registry.bind(PENDING_RETURN, new PendingReturn(areas, goesBack));
        registry.bind(SINK, new S3Sink(settings, store, sidecarMapper));
        registry.bind(S3MetadataWriteBack.BEAN, new S3MetadataWriteBack(store, settings, MetadataWriteBack.from(config),
                config.optional("relay.sink.s3.write-back").map(v -> config.list("relay.sink.s3.write-back")).orElse(List.of())));
        if (settings.enabled()) {
            LOG.info("S3 source: s3://{}/{} on {} (done: {}, failed: {}, pending: {})", settings.bucket(), settings.prefix(),
                    settings.endpoint().map(URI::toString).orElse("AWS " + settings.region()),
                    settings.moveToDone() ? settings.donePrefix() : "deleted", settings.failedPrefix(), settings.pendingPrefix());
        }
        return new S3Beans(settings, new S3PresignedUrls(store, settings.stagingPrefix()));
    }

    /** Presigned links for jobs from S3 (see {@link io.captionrelay.media.ImageUrlsBySource}). */
    public ImageUrlSource urls() {
        return urls;
    }

    public S3Settings settings() {
        return settings;
    }

    static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                // named, so another SDK HTTP client on the class path never makes the choice ambiguous
                .httpClientBuilder(ApacheHttpClient.builder())
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                // S3-compatible servers (older MinIO, Ceph, ...) may refuse the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /** Signs for the address providers reach: relay.s3.public-endpoint when set, else the client's endpoint. */
    static S3Presigner presigner(S3Settings settings) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.publicEndpoint().or(settings::endpoint).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
