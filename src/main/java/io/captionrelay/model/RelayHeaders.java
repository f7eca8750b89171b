package io.captionrelay.model;

/** Header and exchange-property names shared by the YAML sources and sinks and the Java core. */
public final class RelayHeaders {

    /** Set by a source: where the image came from, e.g. {@code file:holiday/beach.jpg} or {@code s3://bucket/key}. */
    public static final String SOURCE = "CaptionRelaySource";
    /** Set by a source: the item's path relative to its inbox or bucket prefix, as the source knows it. */
    public static final String ITEM_PATH = "CaptionRelayItemPath";
    /** Optional, set by a source that knows an item's size before reading it (an S3 listing): larger than the limit, it is refused unread. */
    public static final String ITEM_SIZE = "CaptionRelayItemSize";
    /** Set by the core for sinks: {@link #ITEM_PATH} made safe to use under an output folder or prefix. */
    public static final String OUTPUT_PATH = "CaptionRelayOutputPath";
    /** Set by the core for sinks: the configured provider task that produced the result, e.g. {@code local}. */
    public static final String TASK = "CaptionRelayTask";

    /** Exchange property holding the {@link ImageJob}. */
    public static final String JOB = "CaptionRelayJob";

    private RelayHeaders() {
    }
}
