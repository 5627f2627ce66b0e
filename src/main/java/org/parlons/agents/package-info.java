/**
 * The people who answer: agents, their roles, mandates, teams and personal API tokens.
 */
@NullMarked
@ApplicationModule(displayName = "Agents", allowedDependencies = { "platform" })
package org.parlons.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
