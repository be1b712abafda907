/**
 * What to repair and in which order: a cycle over every token range each
 * {@code anti-entropy.interval}, a node that joined or came back (and every member when one is
 * forgotten) at top priority, and the operator's triggers.
 */
package com.logprocessor.antientropy.planning;
