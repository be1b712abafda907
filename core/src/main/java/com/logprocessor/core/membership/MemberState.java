package com.logprocessor.core.membership;

/**
 * How a known member stands. UP: its heartbeat is fresh and it is in the ring. DOWN: its heartbeat
 * expired (crash, partition, pause) but its tokens are kept, so it rejoins with the same ones; it
 * is out of the ring until it heartbeats again, or until an operator forgets it.
 */
public enum MemberState {
    UP,
    DOWN
}
