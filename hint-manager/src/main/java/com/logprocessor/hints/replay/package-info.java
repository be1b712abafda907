/**
 * Hints out: when a node is UP (a ring event says it came back, or the periodic check finds it
 * with due hints), its hints are replayed oldest first in batches claimed with
 * {@code FOR UPDATE SKIP LOCKED}, sent as stored, deleted once the node took them, and backed off
 * exponentially when it did not; hints out of attempts are given up and left to anti-entropy. Also
 * the hint manager's settings ({@link com.logprocessor.hints.replay.HintProperties}).
 */
package com.logprocessor.hints.replay;
