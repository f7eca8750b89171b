package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a HEIC or AVIF file's box structure (ISO-BMFF) without decoding it: checks that no top-level box
 * runs past the end of the file, and finds the primary image's size as libheif shows it (its {@code ispe},
 * cropped by {@code clap}, turned by {@code irot}). The EXIF orientation plays no part in HEIF.
 */
final class HeifBoxes {

    /** One box: its type and where its content starts and ends. */
    private record Box(String type, int start, int end) {
    }

    private HeifBoxes() {
    }

    /** @throws RelayException BAD_INPUT naming the defect when the structure is cut short or names no primary size */
    static ImageHeader.Size size(ImageFormat format, byte[] b) throws RelayException {
        Box meta = children(format, b, 0, b.length).stream().filter(box -> box.type.equals("meta")).findFirst()
                .orElseThrow(() -> BadImage.corrupt("the " + BadImage.name(format) + " file has no metadata box"));
        int primary = -1;
        List<Box> properties = List.of();
        Map<Integer, List<Integer>> associations = Map.of();
        for (Box box : children(format, b, meta.start + 4, meta.end)) { // meta is a full box: version and flags first
            if (box.type.equals("pitm")) {
                primary = b[box.start] == 0 ? Bytes.u16be(b, box.start + 4) : (int) Bytes.u32be(b, box.start + 4);
            } else if (box.type.equals("iprp")) {
                for (Box inner : children(format, b, box.start, box.end)) {
                    if (inner.type.equals("ipco")) {
                        properties = children(format, b, inner.start, inner.end);
                    } else if (inner.type.equals("ipma")) {
                        associations = associations(b, inner);
                    }
                }
            }
        }
        int width = -1;
        int height = -1;
        boolean turned = false;
        for (int index : associations.getOrDefault(primary, List.of())) {
            Box property = index >= 1 && index <= properties.size() ? properties.get(index - 1) : null;
            if (property == null) {
                continue;
            }
            int at = property.start;
            switch (property.type) {
                case "ispe" -> {
                    width = (int) Bytes.u32be(b, at + 4);
                    height = (int) Bytes.u32be(b, at + 8);
                }
                case "clap" -> {
                    width = (int) Math.round((double) Bytes.u32be(b, at) / Math.max(1, Bytes.u32be(b, at + 4)));
                    height = (int) Math.round((double) Bytes.u32be(b, at + 8) / Math.max(1, Bytes.u32be(b, at + 12)));
                }
                case "irot" -> turned = (b[at] & 1) == 1; // a quarter or three quarters
                default -> { }
            }
        }
        if (width < 1 || height < 1) {
            throw BadImage.corrupt("the " + BadImage.name(format) + " file names no size for its primary image");
        }
        return turned ? new ImageHeader.Size(height, width) : new ImageHeader.Size(width, height);
    }

    /** The boxes between {@code start} and {@code end}; one that runs past {@code end} is a truncated file. */
    private static List<Box> children(ImageFormat format, byte[] b, int start, int end) throws RelayException {
        List<Box> boxes = new ArrayList<>();
        int at = start;
        while (at + 8 <= end) {
            long size = Bytes.u32be(b, at);
            int header = 8;
            if (size == 1 && at + 16 <= end) {
                size = Bytes.u32be(b, at + 8) << 32 | Bytes.u32be(b, at + 12);
                header = 16;
            } else if (size == 0) {
                size = end - at; // to the end of the file
            }
            if (size < header) {
                throw BadImage.corrupt("the " + BadImage.name(format) + " file has a box of " + size + " bytes at byte " + at);
            }
            if (at + size > end && end < b.length) {
                throw BadImage.corrupt("the " + BadImage.name(format) + " file has a '" + type(b, at)
                        + "' box that runs past the box holding it");
            }
            if (at + size > end) {
                throw BadImage.truncated("the " + BadImage.name(format) + " file has " + b.length + " bytes but its '"
                        + type(b, at) + "' box ends at byte " + (at + size));
            }
            boxes.add(new Box(type(b, at), at + header, (int) (at + size)));
            at += (int) size;
        }
        return boxes;
    }

    /** ipma: for each item, the 1-based indices of its properties in ipco, in order. */
    private static Map<Integer, List<Integer>> associations(byte[] b, Box ipma) {
        int version = b[ipma.start];
        boolean wide = (b[ipma.start + 3] & 1) == 1;
        int at = ipma.start + 4;
        long entries = Bytes.u32be(b, at);
        at += 4;
        Map<Integer, List<Integer>> byItem = new HashMap<>();
        for (long e = 0; e < entries && at < ipma.end; e++) {
            int item = version < 1 ? Bytes.u16be(b, at) : (int) Bytes.u32be(b, at);
            at += version < 1 ? 2 : 4;
            int count = Bytes.u8(b, at++);
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                indices.add(wide ? Bytes.u16be(b, at) & 0x7FFF : Bytes.u8(b, at) & 0x7F);
                at += wide ? 2 : 1;
            }
            byItem.put(item, indices);
        }
        return byItem;
    }

    private static String type(byte[] b, int at) {
        return new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
