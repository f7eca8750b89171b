package io.captionrelay.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Builds JPEGs with a hand-made EXIF APP1 segment, for tests: "Exif\0\0", a big-endian TIFF header,
 * IFD0 (Make 0x010F, Model 0x0110, Orientation 0x0112), an Exif IFD (DateTimeOriginal 0x9003) through
 * pointer 0x8769, and a GPS IFD (GPSVersionID, GPSLatitudeRef/GPSLatitude, GPSLongitudeRef/GPSLongitude)
 * through pointer 0x8825.
 *
 * <pre>{@code byte[] jpeg = ExifJpegs.exif().orientation(6).make("Canon").model("EOS R5").insertInto(ExifJpegs.jpeg(image));}</pre>
 */
public final class ExifJpegs {

    private static final int BYTE = 1;
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private ExifJpegs() {
    }

    public static Builder exif() {
        return new Builder();
    }

    /** The image written as a JPEG by ImageIO (no EXIF). */
    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    /** The image written by ImageIO in the given format ("png", "gif", "bmp", "tiff", "jpeg"). */
    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format + " and image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Puts an APP1 segment right after the SOI marker of a JPEG. */
    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: no SOI marker");
        }
        byte[] result = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(segment, 0, result, 2, segment.length);
        System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
        return result;
    }

    /** The JPEG with an XMP APP1 segment (the given packet) right after its SOI marker. */
    public static byte[] insertXmp(byte[] jpeg, String xmpPacket) {
        byte[] id = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
        byte[] xml = xmpPacket.getBytes(StandardCharsets.UTF_8);
        int length = 2 + id.length + xml.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(id).put(xml);
        return insertAfterSoi(jpeg, segment.array());
    }

    /** An XMP packet giving a GPS position the way cameras and Lightroom write it (exif:GPSLatitude …). */
    public static String xmpWithGps(String latitude, String longitude) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
                + " exif:GPSLatitude=\"" + latitude + "\" exif:GPSLongitude=\"" + longitude + "\"/>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    }

    public static final class Builder {
        private Integer orientation;
        private String make;
        private String model;
        private String dateTimeOriginal;
        private double[] gps;

        private Builder() {
        }

        /** EXIF orientation, 1–8 (6 = turn 90° clockwise to display). */
        public Builder orientation(int orientation) {
            this.orientation = orientation;
            return this;
        }

        public Builder make(String make) {
            this.make = make;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** In EXIF form, "yyyy:MM:dd HH:mm:ss". */
        public Builder dateTimeOriginal(String dateTimeOriginal) {
            this.dateTimeOriginal = dateTimeOriginal;
            return this;
        }

        /** Decimal degrees; negative latitude is south, negative longitude is west. */
        public Builder gps(double latitude, double longitude) {
            this.gps = new double[] {latitude, longitude};
            return this;
        }

        /** The JPEG with this EXIF segment inserted right after its SOI marker. */
        public byte[] insertInto(byte[] jpeg) {
            return insertAfterSoi(jpeg, app1Segment());
        }

        /** The whole APP1 segment: marker, length, "Exif\0\0" and the TIFF structure. */
        public byte[] app1Segment() {
            byte[] tiff = tiff();
            int length = 2 + 6 + tiff.length;
            if (length > 0xFFFF) {
                throw new IllegalStateException("EXIF segment too long: " + length);
            }
            ByteBuffer b = ByteBuffer.allocate(2 + length);
            b.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
            b.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
            b.put(tiff);
            return b.array();
        }

        /** The PNG with this EXIF in an eXIf chunk right after IHDR. */
        public byte[] insertIntoPng(byte[] png) {
            return TestImages.withPngChunk(png, "eXIf", tiff());
        }

        /** "MM", 42, IFD0 at offset 8, then the Exif and GPS IFDs. Offsets count from the TIFF header. */
        public byte[] tiff() {
            List<Entry> ifd0 = new ArrayList<>();
            if (make != null) {
                ifd0.add(ascii(0x010F, make));
            }
            if (model != null) {
                ifd0.add(ascii(0x0110, model));
            }
            if (orientation != null) {
                ifd0.add(new Entry(0x0112, SHORT, 1, shortBytes(orientation)));
            }
            List<Entry> exifIfd = new ArrayList<>();
            if (dateTimeOriginal != null) {
                exifIfd.add(ascii(0x9003, dateTimeOriginal));
            }
            List<Entry> gpsIfd = new ArrayList<>();
            if (gps != null) {
                gpsIfd.add(new Entry(0x0000, BYTE, 4, new byte[] {2, 3, 0, 0}));
                gpsIfd.add(ascii(0x0001, gps[0] < 0 ? "S" : "N"));
                gpsIfd.add(new Entry(0x0002, RATIONAL, 3, degreesMinutesSeconds(Math.abs(gps[0]))));
                gpsIfd.add(ascii(0x0003, gps[1] < 0 ? "W" : "E"));
                gpsIfd.add(new Entry(0x0004, RATIONAL, 3, degreesMinutesSeconds(Math.abs(gps[1]))));
            }
            // pointers go in IFD0; their values are known once the sizes are
            Entry exifPointer = exifIfd.isEmpty() ? null : new Entry(0x8769, LONG, 1, new byte[4]);
            Entry gpsPointer = gpsIfd.isEmpty() ? null : new Entry(0x8825, LONG, 1, new byte[4]);
            if (exifPointer != null) {
                ifd0.add(exifPointer);
            }
            if (gpsPointer != null) {
                ifd0.add(gpsPointer);
            }
            int ifd0Offset = 8;
            int exifOffset = ifd0Offset + size(ifd0);
            int gpsOffset = exifOffset + (exifIfd.isEmpty() ? 0 : size(exifIfd));
            if (exifPointer != null) {
                ByteBuffer.wrap(exifPointer.value).putInt(exifOffset);
            }
            if (gpsPointer != null) {
                ByteBuffer.wrap(gpsPointer.value).putInt(gpsOffset);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
            out.writeBytes(ifd(ifd0, ifd0Offset));
            if (!exifIfd.isEmpty()) {
                out.writeBytes(ifd(exifIfd, exifOffset));
            }
            if (!gpsIfd.isEmpty()) {
                out.writeBytes(ifd(gpsIfd, gpsOffset));
            }
            return out.toByteArray();
        }
    }

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    private static Entry ascii(int tag, String text) {
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[chars.length + 1]; // NUL-terminated
        System.arraycopy(chars, 0, value, 0, chars.length);
        return new Entry(tag, ASCII, value.length, value);
    }

    private static byte[] shortBytes(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] degreesMinutesSeconds(double degrees) {
        int d = (int) degrees;
        int m = (int) ((degrees - d) * 60);
        long sHundredths = Math.round(((degrees - d) * 60 - m) * 60 * 100);
        return ByteBuffer.allocate(24).putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) sHundredths).putInt(100).array();
    }

    /** An IFD's entries, next-IFD offset and the values too long to sit in an entry. */
    private static int size(List<Entry> entries) {
        int size = 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            if (e.value.length > 4) {
                size += e.value.length + (e.value.length & 1);
            }
        }
        return size;
    }

    private static byte[] ifd(List<Entry> entries, int offset) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::tag)); // TIFF wants ascending tags
        ByteBuffer b = ByteBuffer.allocate(size(sorted)); // big-endian, matching "MM"
        int dataOffset = offset + 2 + 12 * sorted.size() + 4;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        b.putShort((short) sorted.size());
        for (Entry e : sorted) {
            b.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
            if (e.value.length <= 4) {
                b.put(e.value).put(new byte[4 - e.value.length]); // left-justified in the 4-byte field
            } else {
                b.putInt(dataOffset + data.size());
                data.writeBytes(e.value);
                if ((e.value.length & 1) == 1) {
                    data.write(0); // values start on word boundaries
                }
            }
        }
        b.putInt(0); // no next IFD
        b.put(data.toByteArray());
        return b.array();
    }
}
