package com.logprocessor.coordinator.dlq;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.support.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of {@code logs.dlq}: how many letters are parked, and replaying them. */
@RestController
@RequestMapping(path = "/api/coordinator/dlq", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    static final int MAX_PER_REPLAY = 1_000_000;

    private final DeadLetterReplay replay;

    public DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    /** Letters parked and not yet replayed. */
    public record Parked(long pending) {
    }

    @Operation(summary = "Dead letters parked and not yet replayed")
    @GetMapping
    public Parked parked() {
        return new Parked(replay.pending());
    }

    @Operation(summary = "Send parked entries back through ingest",
            description = "Each letter not yet replayed is published to logs.ingest as its client sent it (same id,"
                    + " key and consistency level) and written like a new entry; unreadable records are skipped and"
                    + " listed. At most max letters (default 100,000) per call; remaining says how many are left.")
    @PostMapping("/replay")
    public DeadLetterReplay.ReplayReport replay(@RequestParam(defaultValue = "100000") int max) {
        if (max < 1 || max > MAX_PER_REPLAY) {
            throw new InvalidRequestException(new Violation("max", "must be between 1 and " + MAX_PER_REPLAY
                    + ", was " + max));
        }
        return replay.replay(max);
    }
}
