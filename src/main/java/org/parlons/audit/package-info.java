/**
 * The audit log: sign-ins, agents created, approvals, escalations, messages sent, merges
 * and exports, appended in the transaction of the action they record, searchable and
 * exportable by administrators.
 */
@NullMarked
@ApplicationModule(displayName = "Audit", allowedDependencies = { "advocacy", "agents", "conversations", "customers",
		"governance", "privacy", "routing", "platform" })
package org.parlons.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
