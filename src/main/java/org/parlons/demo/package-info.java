/**
 * A believable demo workspace (Téléo, a French telecom operator) seeded on an empty
 * database on request.
 */
@NullMarked
@ApplicationModule(displayName = "Demo", allowedDependencies = { "agents", "channels", "conversations", "customers",
		"governance", "listening", "network", "platform", "reporting", "routing" })
package org.parlons.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
