package io.captionrelay.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * {@code relay.result.merge=true} (docs/several-providers.md, "Merged results"): once every task has delivered its result for
 * an image, one combined record goes to the sinks too, as task {@value #TASK} (e.g. {@code a.jpg.merged.json}).
 * Each text field comes from the first task of {@code relay.result.merge.order} that gave one; the tags of all
 * tasks are united (repeats ignoring case left out); {@code raw.mergedFrom} names the contributing tasks and
 * their fields. It is derived, so it is not recorded in the ledger: it is rebuilt from the tasks' results.
 */
public final class MergedResults {

    public static final String TASK = "merged";

    /** One task's delivered result. */
    record Part(ProviderTask task, CaptionResult result) {
    }

    private final List<String> order;
    private final ProducerTemplate template;

    MergedResults(List<String> order, ProducerTemplate template) {
        this.order = List.copyOf(order);
        this.template = template;
    }

    /** Before the tasks run: a list every task's exchange adds its result to. */
    void start(Exchange exchange) {
        exchange.setProperty(RelayHeaders.MERGE_PARTS, Collections.synchronizedList(new ArrayList<Part>()));
    }

    /** After a task delivered (or its fallback did): its result joins the parts. */
    @SuppressWarnings("unchecked")
    static void collect(Exchange exchange) {
        List<Part> parts = exchange.getProperty(RelayHeaders.MERGE_PARTS, List.class);
        CaptionResult result = exchange.getMessage().getBody(CaptionResult.class);
        if (parts != null && result != null) {
            parts.add(new Part(exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class), result));
        }
    }

    /** After every task delivered: the merged record goes to every sink, on a copy of the exchange. */
    @SuppressWarnings("unchecked")
    void deliver(Exchange exchange) throws Exception {
        List<Part> parts = new ArrayList<>(exchange.getProperty(RelayHeaders.MERGE_PARTS, List.class));
        if (parts.isEmpty()) {
            return;
        }
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        Exchange copy = exchange.copy();
        copy.getMessage().setBody(merge(job, parts));
        copy.getMessage().setHeader(RelayHeaders.OUTPUT_PATH, job.outputPath());
        copy.getMessage().setHeader(RelayHeaders.TASK, TASK);
        template.send("direct:deliver", copy);
        if (copy.getException() != null) {
            throw copy.getException();
        }
    }

    CaptionResult merge(ImageJob job, List<Part> parts) {
        List<Part> ranked = new ArrayList<>(parts);
        ranked.sort(Comparator.comparingInt(p -> rank(p.task())));
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        ArrayNode from = raw.putArray("mergedFrom");
        List<ObjectNode> entries = new ArrayList<>();
        for (Part p : ranked) {
            ObjectNode entry = from.addObject().put("task", p.task().id()).put("provider", p.result().provider())
                    .put("operation", p.result().operation());
            entry.putArray("fields");
            entries.add(entry);
        }
        String title = pick(ranked, entries, "title", CaptionResult::title);
        String description = pick(ranked, entries, "description", CaptionResult::description);
        String caption = pick(ranked, entries, "caption", CaptionResult::caption);
        String altText = pick(ranked, entries, "altText", CaptionResult::altText);
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ranked.size(); i++) {
            boolean gave = false;
            for (String tag : ranked.get(i).result().tags()) {
                if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                    tags.add(tag);
                    gave = true;
                }
            }
            if (gave) {
                ((ArrayNode) entries.get(i).get("fields")).add("tags");
            }
        }
        String language = ranked.stream().map(p -> p.result().language()).filter(l -> l != null && !l.isBlank()).findFirst().orElse("");
        long latency = ranked.stream().mapToLong(p -> p.result().latencyMs()).max().orElse(0);
        return new CaptionResult(job.facts().sha256(), job.source(), TASK, "merge", title, description, caption, altText, tags,
                language, null, null, null, raw, latency, Instant.now());
    }

    private static String pick(List<Part> ranked, List<ObjectNode> entries, String field, Function<CaptionResult, String> get) {
        for (int i = 0; i < ranked.size(); i++) {
            String value = get.apply(ranked.get(i).result());
            if (value != null && !value.isBlank()) {
                ((ArrayNode) entries.get(i).get("fields")).add(field);
                return value;
            }
        }
        return null;
    }

    private int rank(ProviderTask task) {
        int at = task == null ? -1 : order.indexOf(task.id());
        return at < 0 ? order.size() : at;
    }
}
