/**
 * Curation and publishing (seed 000, "la douleur du curateur"): sources the curator reads
 * (feeds, listening topics), one item per article whatever the number of sources, a
 * triage with the curator's note and suggestions ranked by what the brand hears, editions
 * of a headline and briefs that go through the governance of replies, and their
 * publishing, once, to the brand's accounts, as Atom and JSON feeds, a public page and a
 * digest mailed to customers who consented (see ADR 29).
 */
@NullMarked
@ApplicationModule(displayName = "Curation and publishing", allowedDependencies = { "agents", "channels",
		"conversations", "customers", "governance", "language", "listening", "privacy", "platform" })
package org.parlons.curation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
