package com.logprocessor.gateway.write;

import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.gateway.ingest.LogSubmission;
import com.logprocessor.support.kafka.WriteReplies.Status;
import com.logprocessor.support.kafka.WriteReplies.WriteReply;
import com.logprocessor.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The synchronous write API of the Day 29 seed. */
@RestController
public class WriteController {

    private final WriteService writes;

    public WriteController(WriteService writes) {
        this.writes = writes;
    }

    /**
     * The answer to a synchronous write.
     *
     * @param replicas the entry's replicas; {@code acks} of them acknowledged it
     * @param duplicate true when the id was already stored: nothing new was written, and
     *        {@code sequence} is where it is
     */
    public record Written(String id, String partitionKey, long sequence, List<String> replicas, int acks,
                          LamportVersion version, boolean duplicate) {
    }

    @Operation(summary = "Write one log and wait until its consistency level is met",
            description = "Body: {\"partitionId\":\"partition-1\",\"message\":\"...\"} or any field of POST /api/logs. "
                    + "consistency=ONE|QUORUM|ALL (default QUORUM). 201 once the level is met; 200 with "
                    + "duplicate=true when the id is already stored (a retry: nothing new is written); 504 when the "
                    + "level is not met within gateway.write.timeout (the entry stays queued and is written later); "
                    + "409 when its replicas refused it.")
    @PostMapping(path = "/api/write", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Written> write(@RequestBody LogSubmission log,
                                         @RequestParam(required = false) String consistency) {
        WriteReply reply = writes.write(log, consistency);
        if (reply.status() == Status.REFUSED) {
            throw new ProblemException(HttpStatus.CONFLICT, "Write refused",
                    "the replicas refused " + reply.id() + " for good (it is in the dead-letter topic): " + reply.detail());
        }
        Written body = new Written(reply.id().toString(), reply.partitionKey(), reply.sequence(), reply.replicas(),
                reply.acks(), reply.version(), reply.status() == Status.DUPLICATE);
        return ResponseEntity.status(body.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
    }
}
