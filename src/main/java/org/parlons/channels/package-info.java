/**
 * Where messages come from and go to: one connector per channel behind one port, inbox
 * set-up, the inbound API and the outbox that delivers replies with retries.
 */
@NullMarked
@ApplicationModule(displayName = "Channels",
		allowedDependencies = { "agents", "conversations", "customers", "listening", "privacy", "platform" })
package org.parlons.channels;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
