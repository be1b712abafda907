/**
 * The cluster's membership as every service sees it: each storage node is a
 * {@link com.logprocessor.core.membership.Member} (id, URL, tokens, heartbeat), UP or DOWN, and a
 * {@link com.logprocessor.core.membership.MembershipSnapshot} is an immutable view of all of them with
 * two rings. A key's replicas are its preference list on the ring of every member, UP or DOWN, so a
 * DOWN member keeps its ranges and gets hints rather than the next node standing in; only forgetting a
 * member moves them. {@link com.logprocessor.core.membership.RingEvent}s (JOIN, LEAVE, FORGET) announce
 * changes to every service at once.
 */
package com.logprocessor.core.membership;
