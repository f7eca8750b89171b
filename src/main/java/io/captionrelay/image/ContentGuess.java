package io.captionrelay.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Names common content that is not an image we take, so a refusal can say what the file looks like. */
final class ContentGuess {

    private static final int TEXT_PROBE = 4096;

    private ContentGuess() {
    }

    static Optional<String> of(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, TEXT_PROBE), StandardCharsets.ISO_8859_1);
        if (head.startsWith("%PDF-")) {
            return Optional.of("a PDF document");
        }
        if (head.startsWith("PK\u0003\u0004")) {
            return Optional.of("a ZIP archive (or an Office document)");
        }
        if (head.startsWith("\u001F\u008B")) {
            return Optional.of("a gzip archive");
        }
        if (head.startsWith("ftyp", 4) && head.length() >= 12) {
            return Optional.of("an MP4 or QuickTime video"); // HEIC and AVIF brands are images (ImageFormat.sniff)
        }
        if (isText(head)) {
            String lower = head.toLowerCase(Locale.ROOT);
            if (lower.contains("<svg")) {
                return Optional.of("an SVG drawing, which is not a supported format");
            }
            if (lower.contains("<html") || lower.contains("<!doctype html")) {
                return Optional.of("an HTML page");
            }
            return Optional.of("plain text");
        }
        return Optional.empty();
    }

    /** No control characters other than whitespace; bytes above 0x7F are allowed for UTF-8 and Latin-1 text. */
    private static boolean isText(String head) {
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
