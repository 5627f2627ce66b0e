/**
 * Segments, scores and next-best actions (seeds 002 and 003): customers grouped by a
 * condition over their profile, behaviour, what listening heard of them and their
 * programmes, kept up to date as things happen to them; named scores earned from events,
 * decaying, with thresholds that act; a catalogue of actions offered to the agent in the
 * conversation with the reason for each, within each action's contact policy, the agent's
 * decision recorded. Customers who objected to profiling are in no profiling segment and
 * have no score (see ADR 28).
 */
@NullMarked
@ApplicationModule(displayName = "Segments and next-best actions", allowedDependencies = { "advocacy", "agents",
		"conversations", "customers", "listening", "portal", "privacy", "platform" })
package org.parlons.segments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
