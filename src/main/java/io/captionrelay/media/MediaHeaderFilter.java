package io.captionrelay.media;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Platform-http's usual header filter, except that {@code Cache-Control} and {@code Content-Length}
 * may go out: the common HTTP filter drops both, and media replies need the first to tell caches when
 * a link expires and the second to answer HEAD, which carries no body to measure.
 */
public final class MediaHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("cache-control");
        getOutFilter().remove("content-length");
    }
}
