/**
 * Team and individual figures over a period: daily rollups built from what the owning
 * modules say happened (conversations, routing, approvals, public complaints), read as
 * medians, percentiles and shares that name their denominators.
 */
@NullMarked
@ApplicationModule(displayName = "Reporting",
		allowedDependencies = { "agents", "conversations", "governance", "listening", "routing", "platform" })
package org.parlons.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
