package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.media.MediaLinkVerifier.Outcome;
import io.captionrelay.media.MediaLinkVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaLinkVerifierTest {

    private static final String NAME = "0123456789abcdef".repeat(4) + ".png";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final String EXPIRES = "1700000600";

    private final LinkSigner signer = new LinkSigner("s".repeat(40).getBytes(StandardCharsets.UTF_8));
    private final MediaLinkVerifier verifier = new MediaLinkVerifier(signer);
    private final String sig = signer.signature(NAME, EXPIRES);

    @Test
    void should_accept_a_valid_link_with_its_remaining_lifetime() {
        Verdict verdict = verifier.verify(NAME, EXPIRES, sig, NOW);

        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(verdict.name().fileName()).isEqualTo(NAME);
        assertThat(verdict.name().contentType()).isEqualTo("image/png");
        assertThat(verdict.remainingSeconds()).isEqualTo(600);
    }

    @Test
    void should_refuse_a_tampered_signature() {
        String tampered = (sig.charAt(5) == 'x' ? "y" : "x");
        assertThat(verifier.verify(NAME, EXPIRES, sig.substring(0, 5) + tampered + sig.substring(6), NOW).outcome())
                .isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, EXPIRES, null, NOW).outcome()).isEqualTo(Outcome.FORGED);
    }

    @Test
    void should_refuse_a_tampered_id() {
        String otherName = "1" + NAME.substring(1);
        assertThat(verifier.verify(otherName, EXPIRES, sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME.replace(".png", ".gif"), EXPIRES, sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
    }

    @Test
    void should_refuse_a_tampered_expiry() {
        assertThat(verifier.verify(NAME, "1700000601", sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, "9999999999", sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, "-1", sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, "", sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, null, sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
        assertThat(verifier.verify(NAME, "1".repeat(30), sig, NOW).outcome()).isEqualTo(Outcome.FORGED);
    }

    @Test
    void should_refuse_an_expired_link_from_its_expiry_second_on() {
        assertThat(verifier.verify(NAME, EXPIRES, sig, NOW.plusSeconds(599)).outcome()).isEqualTo(Outcome.VALID);
        assertThat(verifier.verify(NAME, EXPIRES, sig, NOW.plusSeconds(600)).outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(verifier.verify(NAME, EXPIRES, sig, NOW.plusSeconds(86_400)).outcome()).isEqualTo(Outcome.EXPIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../secret.txt", "..%2fsecret.txt", "%2e%2e%2fetc%2fpasswd", "/etc/passwd",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg/..",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg\u0000",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg%00",
            "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF.jpg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde.jpg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0.jpg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.JPG",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpeg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.bmp",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            " 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg\n",
            "sub/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg"})
    void should_refuse_malformed_names_even_when_signed(String name) {
        String signedForThatName = signer.signature(name, EXPIRES);

        assertThat(verifier.verify(name, EXPIRES, signedForThatName, NOW).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void should_refuse_a_missing_name() {
        assertThat(verifier.verify(null, EXPIRES, sig, NOW).outcome()).isEqualTo(Outcome.MALFORMED);
    }
}
