/**
 * Ambassadors and advocates (seed 002): engagement given a status, a mission and a
 * contract. Programmes and their members, each membership with a dated, audited
 * lifecycle; powers delegated through an account whose mandate the governance checks like
 * any agent's; missions whose evidence is observed in listening, a points ledger and
 * rewards that need approval; the disclosure watch over members' public posts; an
 * engagement score per customer with its three parts; candidates from what the brand
 * already hears.
 */
@NullMarked
@ApplicationModule(displayName = "Ambassadors and advocates",
		allowedDependencies = { "agents", "conversations", "customers", "language", "listening", "portal", "platform" })
package org.parlons.advocacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
