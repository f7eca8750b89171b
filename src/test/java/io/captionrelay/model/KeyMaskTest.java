package io.captionrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Masking replaces the key's characters, whole or quoted in part, and nothing else. */
class KeyMaskTest {

    private static final String KEY = "sk-proj-Q7vT2mX9pL4wZ8rN6789";
    private final KeyMask mask = new KeyMask(KEY);

    @Test
    void should_mask_the_whole_key_and_keep_the_words_around_it() {
        assertThat(mask.mask("Incorrect API key provided: " + KEY + ". You can find your API key at https://x/"))
                .isEqualTo("Incorrect API key provided: ****. You can find your API key at https://x/");
    }

    @Test
    void should_mask_truncated_quotes_of_the_key() {
        assertThat(mask.mask("Incorrect API key provided: sk-proj-************6789.")).isEqualTo("Incorrect API key provided: ****.");
        assertThat(mask.mask("key sk-...6789 refused")).isEqualTo("key **** refused");
        assertThat(mask.mask("key sk-proj-Q7v… refused")).isEqualTo("key **** refused");
        assertThat(mask.mask("prefix Q7vT2mX9pL4w, then more")).isEqualTo("prefix ****, then more");
    }

    @Test
    void should_leave_text_without_the_key_alone() {
        String text = "Loading... done; ****; sk-other-key is not ours; rate limit... try later";
        assertThat(mask.mask(text)).isEqualTo(text);
    }

    @Test
    void should_not_eat_provider_words_when_masking_what_merely_looks_like_a_key() {
        assertThat(KeyMask.keyLike("Invalid api_key: Incorrect API key provided")).isEqualTo("Invalid api_key: Incorrect API key provided");
        assertThat(KeyMask.keyLike("Bearer token missing")).isEqualTo("Bearer token missing");
        assertThat(KeyMask.keyLike("header Bearer abc.def-123 refused")).isEqualTo("header Bearer **** refused");
        assertThat(KeyMask.keyLike("api key: Incorrect API key provided"))
                .isEqualTo("api key: Incorrect API key provided");
    }

    @Test
    void should_scrub_every_configured_key_from_any_text() {
        Secret secret = new Secret("k9-scrub-Zt5sQ1wE3rT7yU2");
        assertThat(Secret.scrub("refused Authorization=" + secret.reveal() + ".")).isEqualTo("refused Authorization=****.");
    }
}
