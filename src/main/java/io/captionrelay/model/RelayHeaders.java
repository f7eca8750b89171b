package io.captionrelay.model;

/**
 * The exchange contract: every message header and exchange property the relay names, in one place, shared by
 * the YAML sources and sinks ({@code routes/*.camel.yaml}) and the Java core. Headers travel with the message and
 * may reach a sink; properties stay on the exchange.
 *
 * <h2>The two timings</h2>
 * <ul>
 *   <li><b>Provider call latency</b>: from the provider request sent to the provider's answer read, for the
 *       attempt that answered (a retry starts a new measurement; quota waits and image preparation before the
 *       request are not in it). For an HTTP provider that is the HTTP exchange and the reading of its answer; for
 *       the {@code local} provider the analysis of the image; for an asynchronous provider (ImaginePro) the time
 *       from its submit to its result fetched. This is what users mean by a provider's latency, so it is the
 *       canonical result's {@code latencyMs} and the {@code captionrelay.provider.latency} timer.
 *       Measured by the provider path: {@link #CALL_STARTED} when the request goes out, {@link #CALL_LATENCY}
 *       when the answer has been read.</li>
 *   <li><b>Pipeline latency</b>: from the item taken in by a source (the exchange created) to its result
 *       recorded in the ledger, including quota waits, retries and reuse of a recorded result. Set in
 *       {@link #PIPELINE_LATENCY} when the result is recorded; not part of the canonical result.</li>
 * </ul>
 */
public final class RelayHeaders {

    // --- headers set by sources -------------------------------------------------------------------------------

    /** Header set by a source: where the image came from, e.g. {@code file:holiday/beach.jpg} or {@code s3://bucket/key}. */
    public static final String SOURCE = "CaptionRelaySource";
    /** Header set by a source: the item's path relative to its inbox or bucket prefix, as the source knows it. */
    public static final String ITEM_PATH = "CaptionRelayItemPath";
    /** Optional header, set by a source that knows an item's size before reading it (an S3 listing): larger than the limit, it is refused unread. */
    public static final String ITEM_SIZE = "CaptionRelayItemSize";

    // --- headers set by the core for sinks --------------------------------------------------------------------

    /** Header set by the core for sinks: {@link #ITEM_PATH} made safe to use under an output folder or prefix. */
    public static final String OUTPUT_PATH = "CaptionRelayOutputPath";
    /** Header set by the core for sinks: the configured provider task that produced the result, e.g. {@code local}. */
    public static final String TASK = "CaptionRelayTask";
    /** JMS property set by the JMS sink: the same on every re-delivery of one result for one source. */
    public static final String EVENT_ID = "CaptionRelayEventId";
    /** JMS property set by the JMS sink: the SHA-256 of the image's bytes. */
    public static final String IMAGE_SHA256 = "CaptionRelayImageSha256";

    // --- pipeline properties ----------------------------------------------------------------------------------

    /** Exchange property holding the {@link ImageJob}. */
    public static final String JOB = "CaptionRelayJob";
    /** Exchange property: the {@link ProviderTask} being described. */
    public static final String PROVIDER_TASK = "CaptionRelayProviderTask";
    /** Exchange property: true when the ledger already held the result, so no provider was called. */
    public static final String REUSED = "CaptionRelayReused";
    /** Exchange property: pipeline latency in milliseconds (see the class comment), set when the result is recorded. */
    public static final String PIPELINE_LATENCY = "CaptionRelayPipelineLatencyMs";
    /** Exchange property: where a failed item goes, {@code failed} or {@code pending}. */
    public static final String FAILURE_AREA = "CaptionRelayFailureArea";
    /** Header set for the source: the reason record's path under the source's root, e.g. {@code .failed/a/b.jpg.error.json}. */
    public static final String FAILURE_RECORD_PATH = "CaptionRelayFailureRecordPath";
    /** Exchange property: where the failed item goes, relative to the inbox, chosen with its record. */
    public static final String ARCHIVE_PATH = "CaptionRelayArchivePath";

    // --- provider properties ----------------------------------------------------------------------------------

    /** Exchange property: {@link System#nanoTime()} when the provider request was sent (start of the provider call latency). */
    public static final String CALL_STARTED = "CaptionRelayCallStarted";
    /** Exchange property: the provider call latency in nanoseconds (see the class comment), set when the answer has been read. */
    public static final String CALL_LATENCY = "CaptionRelayCallLatencyNanos";
    /** Exchange property: the image prepared (encoded, maybe shrunk) for the provider; the result's usage.prepared tells of it. */
    public static final String PREPARED = "CaptionRelayPrepared";
    /** Exchange property: the image's link, for a provider that fetches the image itself. */
    public static final String IMAGE_URL = "CaptionRelayImageUrl";
    /** Exchange property: the quota gate's lease (the key to call with), released after the call. */
    public static final String QUOTA_LEASE = "CaptionRelayQuotaLease";
    /** Exchange property: the key the provider request was last shaped with (re-shaped when the lease carries another). */
    public static final String SHAPED_FOR = "CaptionRelayShapedForKey";
    /** Exchange property: nanoseconds this exchange waited for quota in its last pass. */
    public static final String QUOTA_WAITED = "CaptionRelayQuotaWaitedNanos";
    /** Exchange property: true when this call is the probe that may close an open circuit. */
    public static final String CIRCUIT_PROBE = "CaptionRelayCircuitProbe";
    /** Exchange property: set when the provider refused the last attempt as bad input, so the next one shrinks the image. */
    public static final String SHRINK = "CaptionRelayShrink";
    /** Exchange property: the message id of the ImaginePro job the exchange waits for. */
    public static final String IMAGINEPRO_MESSAGE = "CaptionRelayImagineProMessage";
    /** Exchange property: true while the exchange holds an ImaginePro job slot not yet handed to a job. */
    public static final String IMAGINEPRO_SLOT = "CaptionRelayImagineProSlot";
    /** Exchange property: the key an ImaginePro submit or fetch is made with. */
    public static final String IMAGINEPRO_KEY = "CaptionRelayImagineProKey";
    /** Exchange property: the ImaginePro failure must not be retried, because the provider may have accepted the job. */
    public static final String IMAGINEPRO_NOT_RETRIED = "CaptionRelayImagineProNotRetried";
    /** Exchange property: the ImaginePro message id being fetched. */
    public static final String IMAGINEPRO_FETCH = "CaptionRelayImagineProFetch";
    /** Exchange property: why an ImaginePro fetch got no answer. */
    public static final String IMAGINEPRO_FETCH_FAILED = "CaptionRelayImagineProFetchFailed";
    /** Exchange property: the status the ImaginePro webhook answers with. */
    public static final String IMAGINEPRO_WEBHOOK_STATUS = "CaptionRelayImagineProWebhookStatus";

    // --- S3 properties ----------------------------------------------------------------------------------------

    /** Header holding the raw key when {@code CamelAwsS3Key} has to be an expression that reads it. */
    public static final String S3_RAW_KEY = "CaptionRelayS3RawKey";
    /** Exchange property: the object's key as listed (the consumer's headers may be gone by the time it fails). */
    public static final String S3_SOURCE_KEY = "CaptionRelayS3SourceKey";
    /** Exchange property: the key a pending object goes back to; absent for reason records. */
    public static final String S3_REFEED_KEY = "CaptionRelayS3RefeedKey";
    /** Exchange property: the pending object's own key, deleted once it is back. */
    public static final String S3_PENDING_KEY = "CaptionRelayS3PendingKey";
    /** Exchange property: the result, kept for tagging after the body became JSON. */
    public static final String S3_RESULT = "CaptionRelayS3Result";
    /** Exchange property: the source object to tag, when it should be tagged. */
    public static final String S3_TAG_TARGET = "CaptionRelayS3TagTarget";
    /** Exchange property: true when the merged tags differ from the object's and must be written. */
    public static final String S3_TAGS_CHANGED = "CaptionRelayS3TagsChanged";

    // --- Event sources (SQS, Kafka) --------------------------------------------------------------------------

    /** Exchange property: the queue message or record as received (JSON text), for the dead-letter record. */
    public static final String EVENT_MESSAGE = "CaptionRelayEventMessage";
    /** Exchange property: the objects and files the message names ({@code List<ObjectReference>}). */
    public static final String EVENT_REFERENCES = "CaptionRelayEventReferences";
    /** Exchange property: why a message names nothing to describe (a test event, a deletion); absent otherwise. */
    public static final String EVENT_IGNORED = "CaptionRelayEventIgnored";
    /** Exchange property: how often SQS has handed this message out (its ApproximateReceiveCount). */
    public static final String SQS_RECEIVE_COUNT = "CaptionRelaySqsReceiveCount";

    // --- Shared claims -----------------------------------------------------------------------------------------

    /** Exchange property: the {@code ResultKey} whose claim this exchange holds until its provider call is over. */
    public static final String RESULT_CLAIM = "CaptionRelayResultClaim";

    // --- Spend and budgets ------------------------------------------------------------------------------------

    /** Exchange property: this call's hold on its task's budget ({@code spend.TaskBudget.Reservation}). */
    public static final String SPEND_RESERVATION = "CaptionRelaySpendReservation";

    // --- Fallback chains (docs/several-providers.md) ---------------------------------------------------------------------

    /** Exchange property: the id of the fallback task that described and delivered the image instead (nothing more to deliver). */
    public static final String FALLEN_BACK_TO = "CaptionRelayFallenBackTo";

    /** Exchange property: the tasks' delivered results of one image, for the merged record ({@code relay.result.merge}). */
    public static final String MERGE_PARTS = "CaptionRelayMergeParts";

    // --- Payment once (ambiguous calls, prepared-bytes reuse) ----------------------------------------------------

    /** Exchange property: how many calls of this provider task were sent and got no answer (the provider may have charged them). */
    public static final String AMBIGUOUS_CALLS = "CaptionRelayAmbiguousCalls";
    /** Exchange property: the SHA-256 of the image bytes as prepared for the provider (after conversion and fitting). */
    public static final String PREPARED_SHA256 = "CaptionRelayPreparedSha256";
    /** Exchange property: the ImaginePro job's own id, sent as {@code ref} and kept across retries of its submit. */
    public static final String IMAGINEPRO_REF = "CaptionRelayImagineProRef";
    /** Exchange property: true when the ImaginePro submit got no answer and its job is to be found by its ref (webhooks on). */
    public static final String IMAGINEPRO_UNANSWERED = "CaptionRelayImagineProUnanswered";

    private RelayHeaders() {
    }
}
