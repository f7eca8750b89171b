package io.captionrelay.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * CaptionRelay's one way to S3 outside the aws2-s3 consumers: the source's completion, the areas, the
 * write-back sink and presigned links all call this. It uses the very client the consumers in
 * {@code routes/} are configured with ({@code amazonS3Client=#relayS3Client}, looked up at each call, so
 * one client serves both), and the presigner that knows the address providers reach.
 *
 * <p>Every call is made with a built request object (the client's overloads taking a builder are default
 * methods that a wrapping client would not see). Keys are passed to the SDK as they are: unlike aws2-s3 producer headers, nothing here reads a key
 * as an expression, so an object called {@code ${camelContext.stop()}.jpg} stays a name.
 */
public final class S3Store {

    private final Supplier<S3Client> client;
    private final Supplier<S3Presigner> presigner;

    /** {@code presigner} is asked for only when a link is made. */
    public S3Store(Supplier<S3Client> client, Supplier<S3Presigner> presigner) {
        this.client = client;
        this.presigner = presigner;
    }

    public void put(String bucket, String key, byte[] bytes, String contentType) {
        client.get().putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                RequestBody.fromBytes(bytes));
    }

    /** The object's bytes; empty when there is no such key. */
    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(client.get().getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray());
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        }
    }

    /** The object as a stream with its response (size, type); empty when there is no such key. Close or abort it. */
    public Optional<ResponseInputStream<GetObjectResponse>> open(String bucket, String key) {
        try {
            return Optional.of(client.get().getObject(GetObjectRequest.builder().bucket(bucket).key(key).build()));
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        }
    }

    /** Whether the object exists. */
    public boolean exists(String bucket, String key) {
        try {
            client.get().headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException none) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Copies an object within its bucket, its tags along (S3 has no rename: a move is a copy, then a delete). */
    public void copy(String bucket, String from, String to) {
        client.get().copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
                .destinationBucket(bucket).destinationKey(to).build());
    }

    /** Deletes an object; deleting a key that is not there is no error. */
    public void delete(String bucket, String key) {
        client.get().deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
    }

    /** Every key under {@code prefix}, in S3's order (all pages). */
    public List<String> keys(String bucket, String prefix) {
        return client.get().listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The object's tags, in S3's order. */
    public Map<String, String> tags(String bucket, String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        client.get().getObjectTagging(GetObjectTaggingRequest.builder().bucket(bucket).key(key).build()).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Replaces the object's tags with {@code tags}. */
    public void putTags(String bucket, String key, Map<String, String> tags) {
        List<Tag> tagSet = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        client.get().putObjectTagging(PutObjectTaggingRequest.builder().bucket(bucket).key(key)
                .tagging(Tagging.builder().tagSet(tagSet).build()).build());
    }

    /** A presigned GET link to the object, valid for {@code ttl}. */
    public URI presign(String bucket, String key, Duration ttl) {
        try {
            return presigner.get().presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the presigner made an unusable link", e);
        }
    }
}
