package io.captionrelay.s3;

import io.captionrelay.settings.Settings;
import io.captionrelay.media.ImageUrlSource;
import java.net.URI;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
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
import io.captionrelay.provider.PendingRefeed;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Wires S3 from {@code relay.s3.*}: one S3 client and one presigner, shared by every aws2-s3
 * endpoint in {@code routes/} ({@code amazonS3Client=#relayS3Client}), the beans those routes call,
 * and the {@link S3PresignedUrls} for URL-only providers.
 *
 * <p>Building the client here rather than from endpoint options keeps credentials out of endpoint
 * URIs, gives every route the same endpoint override and path-style setting, and gives the presigner
 * the path-style addressing the component's own presigner lacks. Nothing here touches the network:
 * credentials and buckets are first used when a route or a provider needs them.
 */
public final class S3Setup {

    /** Registry names the YAML routes use. */
    public static final String CLIENT = "relayS3Client";
    public static final String PRESIGNER = "relayS3Presigner";
    public static final String ITEMS = "s3Items";
    public static final String SINK = "s3Sink";

    private static final Logger LOG = LoggerFactory.getLogger(S3Setup.class);

    private final S3Settings settings;
    private final ImageUrlSource urls;

    private S3Setup(S3Settings settings, ImageUrlSource urls) {
        this.settings = settings;
        this.urls = urls;
    }

    /** Reads and checks the settings, binds the client, presigner and route beans, and closes them when Camel stops. */
    public static S3Setup register(CamelContext context, Settings config, PendingRefeed pending) throws Exception {
        S3Settings settings = S3Settings.read(config);
        S3Client client = client(settings);
        S3Presigner presigner = presigner(settings);
        ProducerTemplate template = context.createProducerTemplate();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                template.stop();
                presigner.close();
                client.close();
            }
        }, true);
        var registry = context.getRegistry();
        registry.bind(CLIENT, S3Client.class, client);
        registry.bind(PRESIGNER, S3Presigner.class, presigner);
        registry.bind(ITEMS, new S3Items(settings, config.longValue("relay.image.max-bytes"),
                key -> pending.wantsBack(() -> pendingRecord(client, settings.bucket(), key + ".pending.json"))));
        registry.bind(SINK, new S3Sink(settings));
        if (settings.enabled()) {
            LOG.info("S3 source: s3://{}/{} on {} (done: {}, failed: {}, pending: {})", settings.bucket(), settings.prefix(),
                    settings.endpoint().map(URI::toString).orElse("AWS " + settings.region()),
                    settings.moveToDone() ? settings.donePrefix() : "deleted", settings.failedPrefix(), settings.pendingPrefix());
        }
        return new S3Setup(settings, new S3PresignedUrls(template, settings.stagingPrefix()));
    }

    /** Presigned links for jobs from S3 (see {@link io.captionrelay.media.ImageUrlsBySource}). */
    public ImageUrlSource urls() {
        return urls;
    }

    public S3Settings settings() {
        return settings;
    }

    /** A pending object's reason record, or null when it has none. */
    private static byte[] pendingRecord(S3Client client, String bucket, String key) {
        try {
            return client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        } catch (NoSuchKeyException none) {
            return null;
        }
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
