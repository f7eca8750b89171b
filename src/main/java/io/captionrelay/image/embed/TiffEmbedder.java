package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossless;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Puts XMP into a copy of a TIFF as tag 700 of the first directory, through commons-imaging's lossless writer:
 * the directories are rewritten, the strips or tiles are copied as bytes, never decoded. IPTC-IIM (tag 33723)
 * is not written into TIFFs: tools that read TIFF metadata read XMP.
 */
final class TiffEmbedder {

    private TiffEmbedder() {
    }

    static Optional<byte[]> xmp(byte[] tiff) {
        try {
            TiffField field = metadata(tiff).findField(TiffTagConstants.TIFF_TAG_XMP);
            return field == null ? Optional.empty() : Optional.of(field.getByteArrayValue());
        } catch (IOException e) {
            throw new IllegalArgumentException("the TIFF's directories cannot be read: " + e.getMessage(), e);
        }
    }

    static byte[] embed(byte[] tiff, MetadataFields f, WriteMode mode) {
        byte[] xmp = XmpWriter.write(xmp(tiff), f, mode, true);
        try {
            TiffOutputSet set = metadata(tiff).getOutputSet();
            TiffOutputDirectory root = set.getOrCreateRootDirectory();
            root.removeField(TiffTagConstants.TIFF_TAG_XMP);
            root.add(TiffTagConstants.TIFF_TAG_XMP, xmp);
            ByteArrayOutputStream out = new ByteArrayOutputStream(tiff.length + xmp.length + 1024);
            new TiffImageWriterLossless(set.byteOrder, tiff).write(out, set); // the file's own byte order, kept
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("the TIFF cannot be rewritten: " + e.getMessage(), e);
        }
    }

    private static TiffImageMetadata metadata(byte[] tiff) throws IOException {
        if (!(Imaging.getMetadata(tiff) instanceof TiffImageMetadata metadata)) {
            throw new ImagingException("no TIFF directories");
        }
        return metadata;
    }

}
