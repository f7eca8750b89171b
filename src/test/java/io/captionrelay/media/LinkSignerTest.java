package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinkSignerTest {

    private static final String NAME = "a".repeat(64) + ".jpg";
    private final LinkSigner signer = new LinkSigner("k".repeat(32).getBytes(StandardCharsets.UTF_8));

    @Test
    void should_sign_with_unpadded_base64url_hmac_sha256() {
        String sig = signer.signature(NAME, "1700000000");

        assertThat(sig).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(signer.matches(NAME, "1700000000", sig)).isTrue();
    }

    @Test
    void should_match_only_the_exact_signature() {
        String sig = signer.signature(NAME, "1700000000");

        assertThat(signer.matches(NAME, "1700000000", flip(sig, 0))).as("first character").isFalse();
        assertThat(signer.matches(NAME, "1700000000", flip(sig, sig.length() - 1))).as("last character").isFalse();
        assertThat(signer.matches(NAME, "1700000000", sig.substring(0, 42))).as("prefix").isFalse();
        assertThat(signer.matches(NAME, "1700000000", sig + "A")).as("longer").isFalse();
        assertThat(signer.matches(NAME, "1700000000", sig + "=")).as("padded").isFalse();
        assertThat(signer.matches(NAME, "1700000000", "")).isFalse();
        assertThat(signer.matches(NAME, "1700000000", null)).isFalse();
    }

    @Test
    void should_bind_the_signature_to_name_and_expiry_as_written() {
        String sig = signer.signature(NAME, "1700000000");

        assertThat(signer.matches("b".repeat(64) + ".jpg", "1700000000", sig)).isFalse();
        assertThat(signer.matches(NAME, "1700000001", sig)).isFalse();
        assertThat(signer.matches(NAME, "01700000000", sig)).as("same number, other text").isFalse();
    }

    @Test
    void should_depend_on_the_key() {
        LinkSigner other = new LinkSigner("x".repeat(32).getBytes(StandardCharsets.UTF_8));

        assertThat(other.matches(NAME, "1700000000", signer.signature(NAME, "1700000000"))).isFalse();
        assertThat(LinkSigner.random().signature(NAME, "1")).isNotEqualTo(LinkSigner.random().signature(NAME, "1"));
    }

    @Test
    void should_refuse_short_keys_and_never_show_the_key() {
        assertThatThrownBy(() -> new LinkSigner(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.toString()).doesNotContain("kkkk");
    }

    private static String flip(String sig, int index) {
        char c = sig.charAt(index) == 'A' ? 'B' : 'A';
        return sig.substring(0, index) + c + sig.substring(index + 1);
    }
}
