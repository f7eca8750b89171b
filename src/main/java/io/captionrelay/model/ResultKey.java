package io.captionrelay.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a result: the same image, provider, operation, prompt and language is described
 * once. The prompt takes part as a SHA-256 so that keys stay short whatever the prompt's length.
 */
public record ResultKey(String imageSha256, String provider, String operation, String promptKey, String language) {

    public static ResultKey of(String imageSha256, String provider, String operation, String prompt, String language) {
        return new ResultKey(imageSha256, provider, operation, promptKey(prompt), language == null ? "" : language);
    }

    /** Empty for no prompt, otherwise the prompt's SHA-256 in hex. */
    public static String promptKey(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
