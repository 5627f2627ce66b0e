/**
 * The professional network (seed 004, "le réseau relationnel"): who works where and since
 * when, who knows whom and how strongly (what is imported, what Parlons observes), the
 * strongest introduction paths from the team to a person, introductions asked and made,
 * job changes turned into signals and tasks, lead lists, and the notice owed to people
 * whose data came from an import (see ADR 30).
 */
@NullMarked
@ApplicationModule(displayName = "Professional network",
		allowedDependencies = { "agents", "conversations", "customers", "listening", "platform" })
package org.parlons.network;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
