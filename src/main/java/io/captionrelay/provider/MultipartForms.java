package io.captionrelay.provider;

import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.PreparedImage;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * The multipart forms providers take the image in. The boundary is drawn from the image's hash rather than at
 * random, so that a retry of the same image sends the same bytes and the same {@code Content-Type}.
 */
public final class MultipartForms {

    private MultipartForms() {
    }

    /** A {@code multipart/form-data} builder for a request carrying {@code image}; the caller adds the parts. */
    public static MultipartEntityBuilder form(PreparedImage image) {
        return MultipartEntityBuilder.create()
                // else HttpClient adds "charset=ISO-8859-1" to the form's type; curl and the vendors' examples send none
                .setContentType(ContentType.create("multipart/form-data"))
                .setBoundary("captionrelay-" + ImageInspector.sha256(image.bytes()).substring(0, 32));
    }
}
