/**
 * Several nodes on one PostgreSQL database and a Kafka cluster (profile {@code cluster},
 * ADR 23): the live bus between the nodes' open streams, and the domain events other
 * systems and other nodes read, as CloudEvents. Single-node mode needs none of it.
 */
@NullMarked
@ApplicationModule(displayName = "Cluster", allowedDependencies = { "conversations", "customers", "platform" })
package org.parlons.cluster;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
