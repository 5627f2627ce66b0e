/**
 * Which conversation goes to whom and how soon: escalation and priority rules applied to
 * every inbound message, automatic assignment in turn within a team, service levels
 * measured in business hours and their breaches.
 */
@NullMarked
@ApplicationModule(displayName = "Routing", allowedDependencies = { "agents", "conversations", "customers",
		"governance", "language", "listening", "platform" })
package org.parlons.routing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
