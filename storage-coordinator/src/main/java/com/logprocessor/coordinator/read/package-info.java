/**
 * The read side: quorum reads of one entry with read repair ({@link com.logprocessor.coordinator.read.ReadService}),
 * and queries merged over replicas at a consistency level ({@link com.logprocessor.coordinator.read.QueryService}).
 */
package com.logprocessor.coordinator.read;
