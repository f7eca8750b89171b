package io.captionrelay.pipeline;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
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

    private final DurableLedger ledger;
    private final PreparedImageLedger prepared;
    private final boolean force;

    public DescribeStep(DurableLedger ledger, PreparedImageLedger prepared, boolean force) {
        this.ledger = ledger;
        this.prepared = prepared;
        this.force = force;
    }

    /** In: body {@link ProviderTask}. Out: body the stored {@link CaptionResult} when reused, else the task. */
    public void lookup(Exchange exchange) throws Exception {
        ProviderTask task = exchange.getMessage().getMandatoryBody(ProviderTask.class);
        ImageJob job = job(exchange);
        exchange.setProperty(RelayHeaders.PROVIDER_TASK, task);
        exchange.removeProperty(RelayHeaders.PREPARED_SHA256); // set again by a provider that prepares the image for this task
        Optional<CaptionResult> stored = force ? Optional.empty() : ledger.find(task.keyFor(job.facts().sha256()));
        exchange.setProperty(RelayHeaders.REUSED, stored.isPresent());
        stored.ifPresent(result -> exchange.getMessage().setBody(result.withSource(job.source())));
    }

    /** A provider task failed: the failure goes on naming the task and its provider. */
    public void nameTheProvider(Exchange exchange) throws ProviderFailure {
        RelayException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RelayException.class);
        throw new ProviderFailure(exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class), failure);
    }

    /** Before delivery: the headers sinks name their output with (provider routes clear all headers). */
    public void headersForSinks(Exchange exchange) {
        exchange.getMessage().setHeader(RelayHeaders.OUTPUT_PATH, job(exchange).outputPath());
        exchange.getMessage().setHeader(RelayHeaders.TASK, exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class).id());
    }

    /** In: body {@link ProviderAnswer}. Out: body the recorded {@link CaptionResult}. */
    public void record(Exchange exchange) throws Exception {
        ProviderAnswer answer = exchange.getMessage().getMandatoryBody(ProviderAnswer.class);
        ImageJob job = job(exchange);
        ProviderTask task = exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class);
        long latencyMs = exchange.getProperty(RelayHeaders.CALL_LATENCY, Long.class) / 1_000_000;
        CaptionResult result = CaptionResult.of(job, task, answer, latencyMs, Instant.now());
        ledger.record(result);
        String preparedSha256 = exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class);
        if (preparedSha256 != null && prepared != null) {
            prepared.remember(preparedSha256, result.key()); // the next image prepared to the same bytes reuses it
        }
        exchange.setProperty(RelayHeaders.PIPELINE_LATENCY, exchange.getClock().elapsed());
        job.markDescribed();
        exchange.getMessage().setBody(result);
    }

    private static ImageJob job(Exchange exchange) {
        return exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
    }
}
