package com.logprocessor.support.antientropy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a repair is asked for: the {@code reason} parameter of the anti-entropy coordinator's
 * {@code POST /api/coordinator/trigger} and the reason its job records. The coordinator sets the
 * job's priority from it: a replica known to have lost writes comes before an operator's request.
 */
public enum RepairReason {

    /** An operator asked (the default). */
    TRIGGER("trigger"),
    /** The hint-manager deleted hints for the node unsent: they outlived {@code hint.expiry.hours}. */
    HINTS_EXPIRED("hints-expired"),
    /** The hint-manager gave hints for the node up: out of attempts, or refused for good. */
    HINTS_DROPPED("hints-dropped"),
    /** The node's digest verification found stored digests that did not match its entries. */
    DIGESTS_CORRECTED("digests-corrected");

    private final String label;

    RepairReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<RepairReason> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(RepairReason::label).toList());
    }
}
