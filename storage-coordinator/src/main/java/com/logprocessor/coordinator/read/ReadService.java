package com.logprocessor.coordinator.read;

import com.logprocessor.coordinator.ingest.RetriedSequences;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.consistency.ReadResolution;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.query.RepairMode;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.EntryRepair;
import com.logprocessor.support.storage.EntryRepair.Copies;
import com.logprocessor.support.web.ProblemException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /api/read/{partitionKey}/{sequence}}: a quorum read of one entry with read repair.
 * <ol>
 *   <li>The entry's replicas are its preference list on the replica ring; R = the level's count.
 *       Fewer than R UP: 503 at once.</li>
 *   <li>The first R UP replicas are asked (all UP replicas on a {@code read-repair.chance}
 *       fraction of reads); if some do not answer, the other UP replicas are asked too. Fewer than
 *       R answers: 503.</li>
 *   <li>The newest copy by Lamport version is the answer; no copy at all: 404.</li>
 *   <li>Every replica that answered without it or with an older copy is stale: repaired before the
 *       answer ({@link RepairMode#BLOCKING}) or by read-repair-service ({@link RepairMode#ASYNC},
 *       and whatever a blocking repair could not write).</li>
 * </ol>
 * Data is read from every contacted replica rather than a digest from all but one: an entry is a
 * few hundred bytes, so a digest would save little and cost a second round trip to fetch the data
 * when the copies differ.
 */
public class ReadService {

    /** The problem type of a sequence that was given to a retry of an id stored elsewhere. */
    public static final URI RETRIED_ID = URI.create("urn:logstorage:problem:retried-id");

    private final RingView ringView;
    private final EntryRepair repair;
    private final ReadRepairTrigger trigger;
    private final int replicationFactor;
    private final ReadRepairProperties readRepair;
    private final DoubleSupplier random;
    private final RetriedSequences retried;

    public ReadService(RingView ringView, EntryRepair repair, ReadRepairTrigger trigger, int replicationFactor,
                       ReadRepairProperties readRepair, RetriedSequences retried) {
        this(ringView, repair, trigger, replicationFactor, readRepair, retried,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ReadService(RingView ringView, EntryRepair repair, ReadRepairTrigger trigger, int replicationFactor,
                ReadRepairProperties readRepair, RetriedSequences retried, DoubleSupplier random) {
        this.retried = retried;
        this.ringView = ringView;
        this.repair = repair;
        this.trigger = trigger;
        this.replicationFactor = replicationFactor;
        this.readRepair = readRepair;
        this.random = random;
    }

    /**
     * The answer to a read: the newest copy and what the read found on the way.
     *
     * @param entry the newest copy
     * @param consistency the level the read met
     * @param replicas the entry's replicas (preference list)
     * @param contacted replicas that were asked
     * @param answered replicas that answered (with or without the entry)
     * @param stale replicas found without the entry or with an older copy
     * @param repair {@code none} (nothing stale), {@code async} or {@code blocking}
     * @param repaired stale replicas written before this answer (blocking only)
     */
    public record ReadAnswer(LogEntry entry, ConsistencyLevel consistency, List<String> replicas,
                             List<String> contacted, List<String> answered, List<String> stale, String repair,
                             List<String> repaired) {
    }

    public ReadAnswer read(String partitionKey, long sequence, ConsistencyLevel level, RepairMode mode) {
        MembershipSnapshot snapshot = ringView.snapshot();
        List<String> replicas = snapshot.replicaRing().preferenceList(partitionKey, replicationFactor).replicas();
        List<String> up = replicas.stream().filter(snapshot::isUp).toList();
        int required = level.required(replicationFactor);
        if (up.size() < required) {
            throw ProblemException.unavailable(level + " needs " + required + " of the " + replicationFactor
                            + " replicas of '" + partitionKey + "'; only " + up.size() + " are UP " + up)
                    .with("replicas", replicas).with("up", up);
        }
        boolean chance = up.size() > required && random.getAsDouble() < readRepair.chance();
        List<String> contacted = new ArrayList<>(chance ? up : up.subList(0, required));
        Copies copies = repair.read(snapshot, contacted, partitionKey, sequence);
        if (copies.answered().size() < required && contacted.size() < up.size()) {
            List<String> others = up.subList(contacted.size(), up.size());
            contacted.addAll(others);
            copies = merge(copies, repair.read(snapshot, others, partitionKey, sequence));
        }
        List<String> answered = List.copyOf(copies.answered().keySet());
        if (answered.size() < required) {
            throw ProblemException.unavailable(level + " needs answers from " + required + " replicas of '"
                            + partitionKey + "'; " + answered.size() + " answered " + answered + ", not: "
                            + copies.failed().keySet())
                    .with("replicas", replicas).with("answered", answered);
        }
        ReadResolution resolution = copies.resolve();
        if (!resolution.found()) {
            retried.find(partitionKey, sequence).ifPresent(r -> {
                throw new ProblemException(HttpStatus.NOT_FOUND, "Sequence given to a retried id", RETRIED_ID,
                        "sequence " + sequence + " of '" + partitionKey + "' holds no entry and never will: it was given"
                                + " to a client's retry of id " + r.id() + ", which was already stored at sequence "
                                + r.storedSequence() + " of '" + r.storedPartitionKey() + "'")
                        .with("id", r.id().toString())
                        .with("storedAt", Map.of("partitionKey", r.storedPartitionKey(), "sequence", r.storedSequence()));
            });
            throw ProblemException.notFound("no replica of '" + partitionKey + "' holds sequence " + sequence
                    + " (asked " + answered + ")").with("replicas", replicas).with("answered", answered);
        }
        List<String> stale = resolution.stale();
        if (stale.isEmpty()) {
            return new ReadAnswer(resolution.newest(), level, replicas, contacted, answered, stale, "none", List.of());
        }
        // Stale only among replicas a plain read would not have asked: found by the chance check.
        String cause = up.subList(0, required).stream().anyMatch(stale::contains) ? ReadRepairTrigger.CAUSES.get(0) : ReadRepairTrigger.CAUSES.get(1);
        trigger.triggered(mode, cause);
        List<String> repaired = List.of();
        List<String> left = stale;
        if (mode == RepairMode.BLOCKING) {
            EntryRepair.Written written = repair.write(snapshot, resolution.newest(), stale);
            repaired = written.repaired();
            left = List.copyOf(written.failed().keySet());
        }
        if (!left.isEmpty()) {
            trigger.publish(partitionKey, sequence, resolution.newest().version(), left, cause);
        }
        return new ReadAnswer(resolution.newest(), level, replicas, contacted, answered, stale, mode.label(), repaired);
    }

    private static Copies merge(Copies a, Copies b) {
        Map<String, Optional<LogEntry>> answered = new LinkedHashMap<>(a.answered());
        answered.putAll(b.answered());
        Map<String, Throwable> failed = new LinkedHashMap<>(a.failed());
        failed.putAll(b.failed());
        return new Copies(answered, failed);
    }
}
