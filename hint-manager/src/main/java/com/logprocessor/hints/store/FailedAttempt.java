package com.logprocessor.hints.store;

/**
 * What recording a failed attempt did to the hints of a batch.
 *
 * @param exhausted hints deleted because that was their last allowed attempt
 * @param rescheduled hints kept, with their next attempt pushed back
 * @param fewestAttempts the lowest attempt count among the rescheduled hints (0 when none): the
 *        first of them to be due again is due after {@code backoffAfter(fewestAttempts)}
 */
public record FailedAttempt(int exhausted, int rescheduled, int fewestAttempts) {
}
