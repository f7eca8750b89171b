package io.captionrelay.image;

import io.captionrelay.model.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Takes the location out of a JPEG without touching its pixels: the EXIF GPS directory goes (the rest of
 * the EXIF, orientation included, stays), and so does an XMP packet that names GPS properties. Only the
 * APP1 segments change; the scan data is copied as it is.
 */
final class GpsStripper {

    private GpsStripper() {
    }

    /** The cleaned JPEG, or empty when the location can't be removed this way (the caller re-encodes). */
    static Optional<byte[]> strip(byte[] jpeg) {
        try {
            byte[] cleaned = jpeg;
            MetadataFacts facts = MetadataFacts.read(cleaned, ImageFormat.JPEG);
            if (facts.exifLocation()) {
                cleaned = withoutGpsDirectory(cleaned);
            }
            if (facts.xmpLocation()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(cleaned.length);
                new JpegXmpRewriter().removeXmpXml(cleaned, out);
                cleaned = out.toByteArray();
            }
            return MetadataFacts.read(cleaned, ImageFormat.JPEG).hasLocation() ? Optional.empty() : Optional.of(cleaned);
        } catch (Exception e) {
            return Optional.empty(); // commons-imaging refuses some unusual EXIF layouts
        }
    }

    private static byte[] withoutGpsDirectory(byte[] jpeg) throws Exception {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        if (!(metadata instanceof JpegImageMetadata jpegMetadata) || jpegMetadata.getExif() == null) {
            return jpeg;
        }
        TiffOutputSet exif = jpegMetadata.getExif().getOutputSet();
        TiffOutputSet withoutGps = new TiffOutputSet(exif.byteOrder);
        for (TiffOutputDirectory directory : exif) {
            if (directory.getType() != TiffDirectoryConstants.DIRECTORY_TYPE_GPS) {
                withoutGps.addDirectory(directory);
            }
        }
        withoutGps.removeField(ExifTagConstants.EXIF_TAG_GPSINFO);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        // "lossless" keeps the other EXIF values where they were (maker notes point into them); the
        // old GPS directory's bytes are zeroed
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, withoutGps);
        return out.toByteArray();
    }
}
