package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.io.EOFException;

/**
 * Checks that an image file is complete and intact, cheaply: JPEG, PNG and GIF are walked block by block, WebP
 * and BMP are checked against the sizes their headers declare, HEIC and AVIF box by box. Only TIFF is decoded,
 * as it is rare.
 */
final class ImageStructure {

    private static final int BMP_CORE_HEADER = 12;
    private static final int BMP_INFO_HEADER = 40;
    private static final int BMP_V5_HEADER = 124;

    private ImageStructure() {
    }

    static void check(ImageFormat format, byte[] b) throws RelayException {
        switch (format) {
            case JPEG -> JpegStructure.check(b);
            case PNG -> PngStructure.check(b);
            case GIF -> GifStructure.check(b);
            case WEBP -> checkWebp(b);
            case BMP -> checkBmp(b);
            case TIFF -> checkTiffDecodes(b);
            case HEIC, AVIF -> HeifBoxes.size(format, b); // decoded only when it is converted (HeifDecoder)
        }
    }

    private static void checkWebp(byte[] b) throws RelayException {
        long declared = Bytes.u32le(b, 4) + 8;
        if (declared > b.length) {
            throw BadImage.truncated("the WebP file has " + b.length + " bytes but its RIFF header says " + declared);
        }
    }

    private static void checkBmp(byte[] b) throws RelayException {
        long headerSize = Bytes.u32le(b, 14);
        if (headerSize != BMP_CORE_HEADER && (headerSize < BMP_INFO_HEADER || headerSize > BMP_V5_HEADER)) {
            throw BadImage.corrupt("the BMP header has an unknown size (" + headerSize + " bytes)");
        }
        long declared = Bytes.u32le(b, 2); // 0 is allowed: "unknown"
        if (declared > b.length) {
            throw BadImage.truncated("the BMP file has " + b.length + " bytes but its header says " + declared);
        }
        if (b.length < 14 + Math.min(headerSize, BMP_INFO_HEADER)) {
            throw BadImage.truncated("the BMP data ends inside its header");
        }
        boolean core = headerSize == BMP_CORE_HEADER;
        long width = core ? Bytes.u16le(b, 18) : Math.abs((long) Bytes.s32le(b, 18));
        long height = core ? Bytes.u16le(b, 20) : Math.abs((long) Bytes.s32le(b, 22));
        int bitsPerPixel = Bytes.u16le(b, core ? 24 : 28);
        long compression = core ? 0 : Bytes.u32le(b, 30);
        if (compression == 0 || compression == 3 || compression == 6) { // uncompressed rows: RGB, (alpha) bit fields
            long rowStride = (width * bitsPerPixel + 31) / 32 * 4;
            long needed = Bytes.u32le(b, 10) + rowStride * height;
            if (needed > b.length) {
                throw BadImage.truncated("the BMP pixel data needs " + needed + " bytes but the file has " + b.length);
            }
        }
    }

    private static void checkTiffDecodes(byte[] b) throws RelayException {
        try {
            ImageHeader.withReader(ImageFormat.TIFF, b, reader -> reader.read(0));
        } catch (EOFException e) {
            throw BadImage.truncated("the TIFF data ends before its image data does");
        } catch (Exception e) {
            throw BadImage.corrupt("the TIFF image can't be decoded", e);
        }
    }
}
