package io.captionrelay.pipeline;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.ResultKey;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Around each provider call: before it, reuse a result the ledger already holds (unless forced);
 * after it, turn the provider's answer into the canonical result and record it in the ledger
 * before any sink sees it. Both go through {@link DurableLedger}: retried through a database outage,
 * and an answer that cannot be written is kept on disk, never lost.
 */
public final class DescribeStep {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DescribeStep.class);

    private final DurableLedger ledger;
    private final PreparedImageLedger prepared;
    private final boolean force;
    private final ResultClaims claims;
    private final AnswerRules rules;
    private final FallbackChains fallback;

    /**
     * @param prepared results by the hash of the bytes sent (a second image prepared to the same bytes reuses one)
     * @param claims   the claim taken before paying, shared by the instances on one database ({@link ResultClaims})
     * @param rules    what every answer is made to meet (alt text, tags)
     * @param fallback which task takes over an image when its task fails
     */
    public DescribeStep(DurableLedger ledger, PreparedImageLedger prepared, boolean force, ResultClaims claims, AnswerRules rules, FallbackChains fallback) {
        this.ledger = ledger;
        this.prepared = prepared;
        this.force = force;
        this.claims = claims;
        this.rules = rules;
        this.fallback = fallback;
    }

    /**
     * In: body {@link ProviderTask}. Out: body the stored {@link CaptionResult} when reused, else the task, with the
     * result key's claim held (see {@link #releaseClaim}).
     */
    public void lookup(Exchange exchange) throws Exception {
        ProviderTask task = exchange.getMessage().getMandatoryBody(ProviderTask.class);
        ImageJob job = job(exchange);
        exchange.setProperty(RelayHeaders.PROVIDER_TASK, task);
        exchange.removeProperty(RelayHeaders.PREPARED_SHA256); // set again by a provider that prepares the image for this task
        exchange.removeProperty(RelayHeaders.PREPARED);
        ResultKey key = task.keyFor(job.facts().sha256());
        ResultClaims.Lookup stored = force ? any -> Optional.empty() : ledger::find;
        Optional<CaptionResult> found = stored.find(key);
        if (found.isEmpty()) {
            found = claims.claimOrWait(key, stored);
            if (found.isEmpty()) {
                exchange.setProperty(RelayHeaders.RESULT_CLAIM, key);
            }
        }
        Optional<CaptionResult> result = found;
        exchange.setProperty(RelayHeaders.REUSED, result.isPresent());
        result.ifPresent(reused -> exchange.getMessage().setBody(reused.withSource(job.source())));
    }

    /** After the provider call, recorded or failed: gives up the claim {@link #lookup} took, if any. */
    public void releaseClaim(Exchange exchange) {
        ResultKey key = exchange.getProperty(RelayHeaders.RESULT_CLAIM, ResultKey.class);
        if (key != null) {
            exchange.removeProperty(RelayHeaders.RESULT_CLAIM);
            claims.release(key);
        }
    }

    /**
     * A provider task failed: the next task of its fallback chain gets the image (body that task), or, without one,
     * the failure goes on naming the task and its provider.
     */
    public void fallBackOrNameTheProvider(Exchange exchange) throws ProviderFailure {
        RelayException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RelayException.class);
        ProviderTask task = exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class);
        ProviderTask next = fallback.after(task, failure).orElseThrow(() -> new ProviderFailure(task, failure));
        LOG.warn("{}: {} failed ({}: {}); its fallback {} describes the image", job(exchange).source(), task.id(),
                failure.errorClass().label(), failure.getMessage(), next.id());
        exchange.getMessage().setBody(next);
    }

    /** After the fallback described and delivered the image: the failed task delivers nothing more. */
    public void fallenBack(Exchange exchange) {
        exchange.setProperty(RelayHeaders.FALLEN_BACK_TO, exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class).id());
    }

    /** Before delivery: the headers sinks name their output with (provider routes clear all headers). */
    public void headersForSinks(Exchange exchange) {
        exchange.getMessage().setHeader(RelayHeaders.OUTPUT_PATH, job(exchange).outputPath());
        exchange.getMessage().setHeader(RelayHeaders.TASK, exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class).id());
    }

    /** In: body {@link ProviderAnswer}. Out: body the recorded {@link CaptionResult}. */
    public void record(Exchange exchange) throws Exception {
        ProviderAnswer answer = rules.apply(exchange.getMessage().getMandatoryBody(ProviderAnswer.class));
        PreparedImage sent = exchange.getProperty(RelayHeaders.PREPARED, PreparedImage.class);
        if (sent != null) { // usage.prepared: what the provider was sent (docs/image-preparation.md)
            answer = answer.withUsage("prepared", sent.usage());
        }
        ImageJob job = job(exchange);
        ProviderTask task = exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class);
        long latencyMs = exchange.getProperty(RelayHeaders.CALL_LATENCY, Long.class) / 1_000_000;
        CaptionResult result = CaptionResult.of(job, task, answer, latencyMs, Instant.now());
        String preparedSha256 = exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class);
        if (preparedSha256 != null && prepared != null) {
            // the next image prepared to the same bytes reuses it; noted in the ledger row's commit, just below
            prepared.remember(preparedSha256, result.key());
        }
        ledger.record(result);
        exchange.setProperty(RelayHeaders.PIPELINE_LATENCY, exchange.getClock().elapsed());
        job.markDescribed();
        exchange.getMessage().setBody(result);
    }

    private static ImageJob job(Exchange exchange) {
        return exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
    }
}
