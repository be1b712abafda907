/**
 * The whole system on one machine without Docker: PostgreSQL, Redis and Kafka run from Maven artifacts
 * and every service as its own detached JVM, with its log and pid file in the run folder.
 * {@link com.logprocessor.localcluster.LocalCluster} is the API that the CLI
 * ({@link com.logprocessor.localcluster.LocalClusterCli}, {@code ./setup.sh}) and the integration
 * tests share; {@link com.logprocessor.localcluster.ServiceCatalog} says which components exist, their
 * default ports and each service's arguments. A cluster's shape is stored in
 * {@code <run>/cluster.properties}, so a later CLI call finds the same cluster.
 */
package com.logprocessor.localcluster;
