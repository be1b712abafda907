/**
 * Anti-entropy repair: which copy of each entry wins when replicas disagree, and what each replica
 * must be sent so that all of them hold the winners.
 */
package com.logprocessor.core.repair;
