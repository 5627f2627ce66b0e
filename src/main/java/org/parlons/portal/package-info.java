/**
 * The customer's own space: sign-in by single-use link, their requests on every channel
 * (all their merged profiles), replies and new requests, contracts and consumption the
 * company's systems push, the team's published answers, satisfaction after each
 * resolution, their own preferences. Customers have their own door (another cookie,
 * another filter chain): the agents' API never takes a customer's session, nor the
 * customer space an agent's credentials.
 */
@NullMarked
@ApplicationModule(displayName = "Customer space", allowedDependencies = { "agents", "channels", "conversations",
		"customers", "knowledge", "privacy", "routing", "platform" })
package org.parlons.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
