/**
 * Customer representation (seeds 000 and 002): communities of customers with their
 * members and register numbers; elections of their representatives, one person one vote
 * across merged profiles, ballots that name no one, counted by plurality, approval or the
 * Schulze method with its pairwise matrix shown, certified by someone.
 */
@NullMarked
@ApplicationModule(displayName = "Representation",
		allowedDependencies = { "agents", "conversations", "customers", "portal", "platform" })
package org.parlons.representation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
