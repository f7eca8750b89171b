package io.captionrelay.areas;

/**
 * Where an item goes once it left its source: {@link #FAILED} for good (fix it, put it back to retry),
 * {@link #PENDING} while it only waits for a provider (key refused, credit spent, rate limit outlasting
 * the retries), with a reason record beside it named by {@link #recordSuffix()}.
 */
public enum Area {
    FAILED(".failed", ".error.json"),
    PENDING(".pending", ".pending.json");

    private final String label;
    private final String recordSuffix;

    Area(String label, String recordSuffix) {
        this.label = label;
        this.recordSuffix = recordSuffix;
    }

    /** The area a failure's label names ({@code .failed} or {@code .pending}); anything else is {@link #FAILED}. */
    public static Area of(String label) {
        return PENDING.label.equals(label) ? PENDING : FAILED;
    }

    /** {@code .failed} or {@code .pending}: the drop folder's folder name, and the label failure records use. */
    public String label() {
        return label;
    }

    /** How the reason record's name ends: the item's name followed by this. */
    public String recordSuffix() {
        return recordSuffix;
    }
}
