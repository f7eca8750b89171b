package io.captionrelay.provider.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.local.PixelStats.ColourShare;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns measured facts into the local provider's answer: a title, a Markdown description, a caption and
 * tags that state only those facts. Facts that are absent are left out, never guessed.
 */
final class LocalDescriptionWriter {

    static final String OFFLINE_NOTE = "_Described offline from the file itself (format, size, colours and metadata); "
            + "this description does not say what the picture shows._";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE_TAKEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private LocalDescriptionWriter() {
    }

    static ProviderAnswer write(LocalFacts facts) {
        // the caption says what the file itself shows (shape, brightness, colours): the alt text it can honestly give
        String caption = caption(facts);
        return new ProviderAnswer(title(facts), description(facts), caption, caption, tags(facts), Map.of(), null, raw(facts));
    }

    static String title(LocalFacts f) {
        return capitalise(f.orientation()) + " " + f.formatName() + ", " + colourPhrase(f.pixels());
    }

    static String caption(LocalFacts f) {
        Brightness brightness = f.pixels().brightness();
        if (brightness == null) {
            return "A fully transparent " + f.orientation() + " image.";
        }
        return "A " + brightnessWord(brightness) + " " + f.orientation() + " image, " + colourPhrase(f.pixels()) + ".";
    }

    static String description(LocalFacts f) {
        StringBuilder md = new StringBuilder()
                .append("**").append(capitalise(f.orientation())).append(' ').append(f.formatName()).append(" image**, ")
                .append(f.displayWidth()).append(" × ").append(f.displayHeight()).append(" pixels (")
                .append(f.megapixels() < 0.1 ? "under 0.1" : oneDecimal(f.megapixels())).append(" megapixels).\n\n");
        PixelStats pixels = f.pixels();
        ExifFacts exif = f.exif();
        if (!pixels.colours().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (ColourShare c : pixels.colours()) {
                parts.add(c.colour().word() + " (" + percent(c.share()) + ")");
            }
            bullet(md, "Dominant colours: " + String.join(", ", parts));
        } else if (pixels.visiblePixels() > 0) {
            bullet(md, "Dominant colours: none; no single colour covers 10% of the image");
        }
        if (pixels.meanLuma() != null) {
            bullet(md, "Brightness: " + pixels.brightness().word() + " (mean luma " + Math.round(pixels.meanLuma()) + " of 255)");
        }
        if (pixels.visiblePixels() == 0) {
            bullet(md, "Transparency: every pixel is fully transparent");
        } else if (pixels.transparentShare() >= 0.005) {
            bullet(md, "Transparency: " + percent(pixels.transparentShare()) + " of the pixels are fully transparent (left out of the colours)");
        }
        if (exif.swapsWidthAndHeight()) {
            bullet(md, "Stored as " + f.width() + " × " + f.height() + " pixels; EXIF orientation " + exif.orientation()
                    + " turns it a quarter for display");
        }
        if (exif.camera() != null) {
            bullet(md, "Camera: " + exif.camera());
        }
        if (exif.dateTaken() != null) {
            bullet(md, "Date taken: " + DATE_TAKEN.format(exif.dateTaken()) + " (as recorded by the camera)");
        }
        if (exif.gpsPresent()) {
            bullet(md, "GPS location: present in metadata");
        }
        return md.append('\n').append(OFFLINE_NOTE).toString();
    }

    static List<String> tags(LocalFacts f) {
        List<String> tags = new ArrayList<>();
        tags.add(f.format().imageIoName());
        tags.add(f.orientation());
        for (ColourShare c : f.pixels().colours()) {
            tags.add(c.colour().word());
        }
        Brightness brightness = f.pixels().brightness();
        if (brightness != null) {
            tags.add(brightnessWord(brightness).replace(' ', '-'));
        } else {
            tags.add("transparent");
        }
        if (f.exif().camera() != null) {
            tags.add("exif-camera");
        }
        if (f.exif().gpsPresent()) {
            tags.add("gps");
        }
        return tags;
    }

    static ObjectNode raw(LocalFacts f) {
        ObjectNode raw = JSON.objectNode()
                .put("format", f.format().imageIoName())
                .put("width", f.width())
                .put("height", f.height())
                .put("displayWidth", f.displayWidth())
                .put("displayHeight", f.displayHeight())
                .put("orientation", f.orientation())
                .put("megapixels", f.megapixels());
        PixelStats pixels = f.pixels();
        ArrayNode colours = raw.putArray("colours");
        for (ColourShare c : pixels.colours()) {
            colours.addObject().put("name", c.colour().word()).put("share", Math.round(c.share() * 1000) / 1000.0);
        }
        if (pixels.meanLuma() != null) {
            raw.put("meanLuma", Math.round(pixels.meanLuma() * 10) / 10.0).put("brightness", pixels.brightness().word());
        } else {
            raw.putNull("meanLuma").putNull("brightness");
        }
        raw.put("sampledPixels", pixels.sampledPixels()).put("transparentShare", Math.round(pixels.transparentShare() * 1000) / 1000.0);
        ExifFacts exif = f.exif();
        if (exif.make() != null || exif.model() != null) {
            raw.putObject("camera").put("make", exif.make()).put("model", exif.model());
        } else {
            raw.putNull("camera");
        }
        raw.put("dateTaken", exif.dateTaken() == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(exif.dateTaken()));
        raw.put("gpsPresent", exif.gpsPresent());
        raw.put("exifOrientation", exif.orientation());
        return raw;
    }

    /** "mostly blue and white", "mostly red", or what is true when no colour dominates. */
    private static String colourPhrase(PixelStats pixels) {
        if (pixels.visiblePixels() == 0) {
            return "fully transparent";
        }
        List<String> words = pixels.colours().stream().map(c -> c.colour().word()).toList();
        if (words.isEmpty()) {
            return "with no single dominant colour";
        }
        StringBuilder s = new StringBuilder("mostly ");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                s.append(i == words.size() - 1 ? " and " : ", ");
            }
            s.append(words.get(i));
        }
        return s.toString();
    }

    /** "medium" alone says little, so it becomes "medium-brightness". */
    private static String brightnessWord(Brightness brightness) {
        return brightness == Brightness.MEDIUM ? "medium-brightness" : brightness.word();
    }

    private static void bullet(StringBuilder md, String text) {
        md.append("- ").append(text).append('\n');
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
