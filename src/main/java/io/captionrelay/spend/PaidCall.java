package io.captionrelay.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One call a provider charged for, as recorded in {@code relay_paid_call}.
 *
 * @param task        the provider task
 * @param key         the key's fingerprint ({@code KeyMask.fingerprint}), never the key
 * @param paidAt      when the answer arrived
 * @param credits     what it cost, in the provider's credits
 * @param money       what it cost in money, or null
 * @param currency    the money's currency, or null
 * @param imageSha256 the image the call was for
 */
public record PaidCall(String task, String key, Instant paidAt, BigDecimal credits, BigDecimal money, String currency,
                       String imageSha256) {
}
