package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Reads an image's size from its header with the ImageIO reader for its format (HEIF: its boxes); never decodes pixels. */
final class ImageHeader {

    record Size(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    @FunctionalInterface
    interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private ImageHeader() {
    }

    static Size read(ImageFormat format, byte[] bytes) throws RelayException {
        if (format.isHeif()) {
            return HeifBoxes.size(format, bytes); // no ImageIO reader: the boxes say it
        }
        try {
            return withReader(format, bytes, reader -> new Size(reader.getWidth(0), reader.getHeight(0)));
        } catch (EOFException e) {
            throw BadImage.truncated("the " + BadImage.name(format) + " data ends inside its header");
        } catch (Exception e) {
            throw BadImage.corrupt("the " + BadImage.name(format) + " header can't be read", e);
        }
    }

    /** Gives {@code work} a fresh reader over the bytes (in memory, no cache file) and disposes it afterwards. */
    static <T> T withReader(ImageFormat format, byte[] bytes, ReaderWork<T> work) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IIOException("no ImageIO reader for " + format.imageIoName() + " is installed");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            return work.apply(reader);
        } finally {
            reader.dispose();
        }
    }
}
