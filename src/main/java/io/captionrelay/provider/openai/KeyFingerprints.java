package io.captionrelay.provider.openai;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds the keys this adapter sent inside text a server sent back (some gateways echo the key in their
 * error messages), without keeping the keys: only their length and a salted HMAC, made while the
 * request is shaped. Every window of that length in the text is hashed and compared.
 */
final class KeyFingerprints {

    private record Fingerprint(int length, String mac) {
    }

    private final byte[] salt = new byte[32];
    private final Set<Fingerprint> known = ConcurrentHashMap.newKeySet();

    KeyFingerprints() {
        new SecureRandom().nextBytes(salt);
    }

    void remember(String key) {
        known.add(new Fingerprint(key.length(), mac(key)));
    }

    /** The text with every occurrence of a remembered key replaced by {@code ****}. */
    String mask(String text) {
        if (known.isEmpty()) {
            return text;
        }
        List<int[]> hits = new ArrayList<>();
        for (Fingerprint fingerprint : known) {
            int length = fingerprint.length();
            for (int i = 0; i + length <= text.length(); i++) {
                if (MessageDigest.isEqual(mac(text.substring(i, i + length)).getBytes(StandardCharsets.US_ASCII),
                        fingerprint.mac().getBytes(StandardCharsets.US_ASCII))) {
                    hits.add(new int[] {i, i + length});
                    i += length - 1;
                }
            }
        }
        if (hits.isEmpty()) {
            return text;
        }
        hits.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder masked = new StringBuilder();
        int at = 0;
        for (int[] hit : hits) {
            if (hit[0] >= at) {
                masked.append(text, at, hit[0]).append("****");
                at = hit[1];
            } else if (hit[1] > at) {
                at = hit[1];
            }
        }
        return masked.append(text.substring(at)).toString();
    }

    private String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
