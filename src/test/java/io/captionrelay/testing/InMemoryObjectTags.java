package io.captionrelay.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * S3Proxy has no object tagging (it answers 501). This wraps a real client so that
 * getObjectTagging and putObjectTagging work on an in-memory tag store, exactly as their SDK
 * requests arrive; every other call goes to the real server.
 */
public final class InMemoryObjectTags {

    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    public S3Client wrap(S3Client real) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObjectTagging") && args != null && args[0] instanceof GetObjectTaggingRequest r) {
                        return GetObjectTaggingResponse.builder().tagSet(get(r.bucket(), r.key()).entrySet().stream()
                                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
                    }
                    if (method.getName().equals("putObjectTagging") && args != null && args[0] instanceof PutObjectTaggingRequest r) {
                        if (r.tagging().tagSet().size() > 10) {
                            throw new IllegalArgumentException("S3 allows at most 10 tags, not " + r.tagging().tagSet().size());
                        }
                        Map<String, String> set = new LinkedHashMap<>();
                        r.tagging().tagSet().forEach(t -> set.put(t.key(), t.value()));
                        tags.put(r.bucket() + "/" + r.key(), set);
                        return PutObjectTaggingResponse.builder().build();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public void put(String bucket, String key, Map<String, String> set) {
        tags.put(bucket + "/" + key, new LinkedHashMap<>(set));
    }

    public Map<String, String> get(String bucket, String key) {
        return tags.getOrDefault(bucket + "/" + key, Map.of());
    }
}
