/**
 * The shared inbox: inboxes, conversations, messages, the one ingestion path every
 * channel feeds, replies waiting for delivery, assignment and the timeline.
 */
@NullMarked
@ApplicationModule(displayName = "Conversations",
		allowedDependencies = { "agents", "customers", "privacy", "platform" })
package org.parlons.conversations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
