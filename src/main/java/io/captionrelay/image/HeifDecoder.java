package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decodes HEIC and AVIF to PNG with libheif's {@code heif-convert}, run as a child process (never through a
 * shell) on files in a private temporary folder that is deleted afterwards. libheif applies the image's
 * rotation, mirroring and crop, so the PNG shows the picture as displayed. Thread-safe.
 */
public final class HeifDecoder {

    /** What a refusal says when the tool can't be started. */
    public static final String INSTALL_HINT = "HEIC/HEIF/AVIF images need libheif's heif-convert: install the "
            + "Debian/Ubuntu package libheif-examples (Alpine: libheif-tools, Homebrew: libheif), or set "
            + "relay.image.heif-convert to its path";

    private static final int MESSAGE_CHARS = 500;
    private static final String FOLDER_PREFIX = "captionrelay-heif-";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rwx------");

    private final String command;
    private final Duration timeout;
    private final long maxOutputBytes;

    /**
     * @param command        the program, a path or a name looked up on PATH
     * @param timeout        how long one decode may take before the process is killed
     * @param maxOutputBytes the largest PNG accepted from it
     */
    public HeifDecoder(String command, Duration timeout, long maxOutputBytes) {
        if (command == null || command.isBlank() || timeout.isNegative() || timeout.isZero() || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("heif-convert needs a command, a positive timeout and a positive output limit");
        }
        this.command = command.strip();
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** {@code heif-convert} on PATH, a minute per image, PNGs up to 1 GB. */
    public static HeifDecoder onPath() {
        return new HeifDecoder("heif-convert", Duration.ofMinutes(1), 1L << 30);
    }

    /**
     * From {@code relay.image.heif-convert} and {@code relay.image.heif-timeout}; the PNG may hold up to
     * {@code relay.image.max-pixels} pixels of 16-bit RGBA (8 bytes each).
     */
    public static HeifDecoder from(Settings settings) {
        return new HeifDecoder(settings.string("relay.image.heif-convert"),
                Duration.ofMillis(settings.longValue("relay.image.heif-timeout")),
                settings.longValue("relay.image.max-pixels") * 8 + 1_000_000);
    }

    /** @throws RelayException BAD_INPUT when the tool is missing, fails on the image, or takes too long */
    public byte[] toPng(byte[] image, ImageFormat format) throws RelayException {
        Path folder = null;
        try {
            folder = privateFolder();
            Path in = Files.write(folder.resolve("in." + format.imageIoName()), image);
            Path out = folder.resolve("out.png");
            Path log = folder.resolve("log.txt");
            run(List.of(command, "--quiet", in.toString(), out.toString()), log, format);
            Path written = Files.exists(out) ? out : folder.resolve("out-1.png"); // several top-level images: the first
            if (!Files.exists(written)) {
                throw BadImage.corrupt("heif-convert wrote no image for the " + BadImage.name(format) + " file" + said(log));
            }
            if (Files.size(written) > maxOutputBytes) {
                throw RelayException.badInput("the " + BadImage.name(format) + " image decodes to more than "
                        + ImageInspector.describeSize(maxOutputBytes));
            }
            return Files.readAllBytes(written);
        } catch (IOException e) {
            throw new IllegalStateException("the temporary folder for heif-convert can't be used: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private void run(List<String> arguments, Path log, ImageFormat format) throws RelayException, IOException {
        Process process;
        try {
            process = new ProcessBuilder(arguments).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw RelayException.badInput(INSTALL_HINT + " ('" + command + "' can't be run: " + e.getMessage() + ")", e);
        }
        try {
            process.getOutputStream().close(); // it reads nothing from us
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw RelayException.badInput(String.format(Locale.ROOT,
                        "heif-convert took longer than %d s to decode the %s image", timeout.toSeconds(), BadImage.name(format)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while heif-convert decoded an image", e);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            // above 128: killed by a signal (libheif 1.15 crashes on some damaged picture data)
            throw BadImage.corrupt("heif-convert can't decode the " + BadImage.name(format) + " file ("
                    + (exit > 128 ? "it crashed with signal " + (exit - 128) : "exit code " + exit) + ")" + said(log));
        }
    }

    /** ": <what the tool said>", its first {@value #MESSAGE_CHARS} characters on one line, or nothing. */
    private static String said(Path log) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(log)) {
            head = in.readNBytes(MESSAGE_CHARS);
        }
        String text = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static Path privateFolder() throws IOException {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(FOLDER_PREFIX, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempDirectory(FOLDER_PREFIX);
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover temporary file is no reason to fail the image; the system cleans its temp folder
        }
    }
}
