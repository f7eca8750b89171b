package io.captionrelay.provider.local;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import io.captionrelay.model.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * What the image's EXIF metadata says, read with metadata-extractor. Every field is null (or false)
 * when the file does not carry it; damaged metadata counts as absent.
 *
 * @param make        camera make (IFD0 Make)
 * @param model       camera model (IFD0 Model)
 * @param dateTaken   DateTimeOriginal, as written (no time zone)
 * @param orientation EXIF orientation 1–8
 * @param gpsPresent  whether a GPS latitude and longitude are present (their values are never kept)
 */
record ExifFacts(String make, String model, LocalDateTime dateTaken, Integer orientation, boolean gpsPresent) {

    static final ExifFacts NONE = new ExifFacts(null, null, null, null, false);

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss", Locale.ROOT);

    static ExifFacts read(byte[] bytes, ImageFormat format) {
        Metadata metadata;
        try {
            metadata = format == ImageFormat.JPEG
                    ? JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NONE;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        Integer orientation = integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION);
        return new ExifFacts(
                text(ifd0, ExifIFD0Directory.TAG_MAKE),
                text(ifd0, ExifIFD0Directory.TAG_MODEL),
                date(text(exif, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)),
                // HEIF: libheif shows the image turned by its own boxes; an EXIF orientation in it is not applied
                orientation != null && orientation >= 1 && orientation <= 8 && !format.isHeif() ? orientation : null,
                gps != null && gps.containsTag(GpsDirectory.TAG_LATITUDE) && gps.containsTag(GpsDirectory.TAG_LONGITUDE));
    }

    /** Make and model as one name, without repeating the make when the model starts with it. */
    String camera() {
        if (make == null) {
            return model;
        }
        if (model == null) {
            return make;
        }
        String brand = make.split("\\s+")[0];
        return model.regionMatches(true, 0, brand, 0, brand.length()) ? model : make + " " + model;
    }

    /** Orientations 5–8 turn the image a quarter, so it shows with width and height swapped. */
    boolean swapsWidthAndHeight() {
        return orientation != null && orientation >= 5;
    }

    private static String text(Directory dir, int tag) {
        String s = dir == null ? null : dir.getString(tag);
        if (s == null) {
            return null;
        }
        s = s.replace('\0', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    private static Integer integer(Directory dir, int tag) {
        return dir == null ? null : dir.getInteger(tag);
    }

    /** Null for a missing, blank ("0000:00:00 00:00:00") or malformed date. */
    private static LocalDateTime date(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, EXIF_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
