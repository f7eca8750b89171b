package io.captionrelay.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * A real S3-API server in this JVM: S3Proxy on a free port over a transient (in-memory) blob store,
 * checking AWS signatures (V2 and V4) with a fixed key pair, plus a plain SDK client for tests to
 * put objects and look at what the app did.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "relay-test-access";
    public static final String SECRET_KEY = "relay-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3Server(BlobStore blobStore, S3Proxy proxy, URI endpoint) {
        this.blobStore = blobStore;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static S3Server start(String... buckets) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
        properties.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
        BlobStore store = BlobStores.create("transient-nio2", properties);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> "STARTED".equals(proxy.getState()));
        S3Server server = new S3Server(store, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
        for (String bucket : buckets) {
            server.client.createBucket(b -> b.bucket(bucket));
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    /** The properties that point the app's S3 client at this server. */
    public RelayApp configure(RelayApp app) {
        return app.with("relay.s3.endpoint", endpoint.toString())
                .with("relay.s3.path-style", "true")
                .with("relay.s3.region", REGION)
                .with("relay.s3.access-key", ACCESS_KEY)
                .with("relay.s3.secret-key", SECRET_KEY);
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public void put(String bucket, String key, byte[] bytes, Map<String, String> tags) {
        List<Tag> tagSet = new ArrayList<>();
        tags.forEach((k, v) -> tagSet.add(Tag.builder().key(k).value(v).build()));
        client.putObject(b -> b.bucket(bucket).key(key).tagging(Tagging.builder().tagSet(tagSet).build()),
                RequestBody.fromBytes(bytes));
    }

    public boolean exists(String bucket, String key) {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    public String getString(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    public Map<String, String> tags(String bucket, String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        client.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Every key in the bucket (under {@code prefix}), in S3's order. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                .contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        blobStore.close();
    }
}
