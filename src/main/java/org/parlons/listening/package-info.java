/**
 * Listening and insights: what the public says and how honestly it can be summed up.
 * Starts with tonality shown two ways (per message and per person) with its uncertainty.
 */
@NullMarked
@ApplicationModule(displayName = "Listening",
		allowedDependencies = { "agents", "conversations", "customers", "language", "privacy", "platform" })
package org.parlons.listening;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
