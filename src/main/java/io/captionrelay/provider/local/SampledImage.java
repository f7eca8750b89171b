package io.captionrelay.provider.local;

/**
 * An image's stored size and a small sample of its pixels.
 *
 * @param width        stored width in pixels
 * @param height       stored height in pixels
 * @param sampleWidth  width of the sample
 * @param sampleHeight height of the sample
 * @param argb         the sample's pixels, row by row, as non-premultiplied ARGB
 */
record SampledImage(int width, int height, int sampleWidth, int sampleHeight, int[] argb) {
}
