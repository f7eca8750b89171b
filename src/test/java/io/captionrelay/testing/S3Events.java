package io.captionrelay.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Bucket notifications as S3, MinIO and EventBridge write them (field for field, ids and times made up), for the
 * event sources' tests. S3 and MinIO URL-encode the key in {@code Records[].s3.object.key}, a space as {@code +}.
 */
public final class S3Events {

    private S3Events() {
    }

    /** An S3 event notification with one record, as S3 sends it to SQS, SNS or Lambda. */
    public static String s3(String eventName, String bucket, String key) {
        return "{\"Records\":[" + record(eventName, bucket, key) + "]}";
    }

    public static String created(String bucket, String key) {
        return s3("ObjectCreated:Put", bucket, key);
    }

    /** MinIO's notification to Kafka: the S3 record, plus EventName and Key (bucket/key) at the top. */
    public static String minioCreated(String bucket, String key) {
        return "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"" + bucket + "/" + encode(key) + "\",\"Records\":["
                + record("s3:ObjectCreated:Put", bucket, key) + "]}";
    }

    /** What S3 sends once when a notification configuration is saved. */
    public static String testEvent(String bucket) {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-12-06T04:00:00.000Z\",\"Bucket\":\""
                + bucket + "\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";
    }

    /** An EventBridge "Object Created" event (key as S3 stores it). */
    public static String eventBridgeCreated(String bucket, String key) {
        return "{\"version\":\"0\",\"id\":\"17793124-05d4-b198-2fde-7ededc63b103\",\"detail-type\":\"Object Created\","
                + "\"source\":\"aws.s3\",\"account\":\"111122223333\",\"time\":\"2026-12-06T04:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[\"arn:aws:s3:::" + bucket + "\"],\"detail\":{\"version\":\"0\",\"bucket\":{\"name\":\"" + bucket
                + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":5,\"etag\":\"b1946ac92492d2347c6235b4d2611184\","
                + "\"sequencer\":\"00617F08299329D189\"},\"request-id\":\"N4N7GDK58NMKJ12R\",\"requester\":\"123456789012\","
                + "\"source-ip-address\":\"1.2.3.4\",\"reason\":\"PutObject\"}}";
    }

    private static String record(String eventName, String bucket, String key) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-12-06T04:00:00.000Z\",\"eventName\":\"" + eventName + "\","
                + "\"userIdentity\":{\"principalId\":\"AWS:AIDAEXAMPLE\"},\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"captionrelay\",\"bucket\":{\"name\":\"" + bucket
                + "\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
                + "\"object\":{\"key\":\"" + encode(key) + "\",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"sequencer\":\"0055AED6DCD90281E5\"}}}";
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
