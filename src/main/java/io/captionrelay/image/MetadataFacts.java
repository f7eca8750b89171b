package io.captionrelay.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifImageDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;
import io.captionrelay.model.ImageFormat;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;

/**
 * What an image's metadata says that matters for preparing it, read with metadata-extractor and never
 * from the pixels.
 *
 * @param orientation  EXIF orientation 1–8 (1 when absent or invalid)
 * @param exifLocation a GPS directory is present in the EXIF metadata
 * @param xmpLocation  an XMP packet names GPS properties (exif:GPSLatitude …)
 * @param frames       the images a GIF holds (more than one: an animation); 1 for every other format
 */
record MetadataFacts(int orientation, boolean exifLocation, boolean xmpLocation, int frames) {

    /** Metadata that can't be read might hold a location: it counts as located, so the copy is cleaned. */
    private static final MetadataFacts UNREADABLE = new MetadataFacts(1, true, true, 1);

    static MetadataFacts read(byte[] bytes, ImageFormat format) {
        Metadata metadata;
        try {
            metadata = format == ImageFormat.JPEG
                    ? JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader(), new XmpReader()))
                    : ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (Exception e) {
            return UNREADABLE;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return new MetadataFacts(
                // HEIF: libheif shows the image turned by its own boxes (irot, imir); EXIF orientation is not applied
                orientation != null && orientation >= 1 && orientation <= 8 && !format.isHeif() ? orientation : 1,
                metadata.containsDirectoryOfType(GpsDirectory.class),
                metadata.getDirectoriesOfType(XmpDirectory.class).stream().anyMatch(MetadataFacts::namesGps),
                Math.max(1, metadata.getDirectoriesOfType(GifImageDirectory.class).size()));
    }

    boolean animated() {
        return frames > 1;
    }

    boolean hasLocation() {
        return exifLocation || xmpLocation;
    }

    /** Orientations 5–8 turn the image a quarter, so it displays with width and height swapped. */
    boolean swapsAxes() {
        return orientation >= 5;
    }

    private static boolean namesGps(XmpDirectory xmp) {
        return xmp.getXmpProperties().keySet().stream().anyMatch(key -> key.toUpperCase(Locale.ROOT).contains("GPS"));
    }
}
