package io.captionrelay.model;


/**
 * One image on its way through the pipeline: where it came from, its original bytes and, once
 * inspected, its facts. One exchange carries one job.
 */
public final class ImageJob {

    private final String source;
    private final String outputPath;
    private volatile byte[] bytes;
    private volatile ImageFacts facts;
    private volatile boolean described;

    public ImageJob(String source, String outputPath, byte[] bytes) {
        this.source = source;
        this.outputPath = outputPath;
        this.bytes = bytes;
    }

    /** A job whose image is already inspected (the one-shot command, tests). */
    public ImageJob(String source, String outputPath, byte[] bytes, ImageFacts facts) {
        this(source, outputPath, bytes);
        this.facts = facts;
    }

    /** Where the image came from, e.g. {@code file:holiday/beach.jpg}. */
    public String source() {
        return source;
    }

    /** The item's path made safe for output folders and prefixes (see {@link SafePath}). */
    public String outputPath() {
        return outputPath;
    }

    /** The original bytes. Never modified. */
    public byte[] bytes() {
        byte[] held = bytes;
        if (held == null) {
            throw new IllegalStateException("the image's bytes were released when its item completed");
        }
        return held;
    }

    /**
     * The item is over: its bytes are let go, so that nothing still holding the job (a completed exchange
     * that a source's listing keeps until its poll ends) keeps the image in memory.
     */
    public void release() {
        bytes = null;
    }

    public ImageFacts facts() {
        if (facts == null) {
            throw new IllegalStateException("the image has not been inspected yet");
        }
        return facts;
    }

    public void inspected(ImageFacts facts) {
        this.facts = facts;
    }

    /** True once a provider was called for this image (rather than every result coming from the ledger). */
    public boolean described() {
        return described;
    }

    public void markDescribed() {
        this.described = true;
    }
}
