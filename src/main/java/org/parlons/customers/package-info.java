/**
 * One profile per person across channels: identities, attributes, tags, notes, merges
 * that can be undone.
 */
@NullMarked
@ApplicationModule(displayName = "Customers", allowedDependencies = { "agents", "platform" })
package org.parlons.customers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
