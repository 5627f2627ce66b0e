/**
 * Governance of what agents say in the brand's name: mandates (what an agent may commit
 * to), replies held for approval by someone whose mandate covers them, and
 * code-of-conduct checks before sending.
 */
@NullMarked
@ApplicationModule(displayName = "Governance",
		allowedDependencies = { "agents", "conversations", "customers", "language", "platform" })
package org.parlons.governance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
