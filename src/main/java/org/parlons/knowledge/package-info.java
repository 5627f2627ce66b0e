/**
 * Questions and answers: the small knowledge base the team writes in French and English,
 * drafts and published answers, searched by customers in their space before they ask
 * (their words stemmed, accents aside) and written by an agent from a resolved
 * conversation.
 */
@NullMarked
@ApplicationModule(displayName = "Questions and answers",
		allowedDependencies = { "agents", "conversations", "language", "platform" })
package org.parlons.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
