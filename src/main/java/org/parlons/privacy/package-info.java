/**
 * Data rights: the purposes the company asks consent for and every decision with its
 * evidence and signed receipt; the customers' requests about their data (access,
 * portability, rectification, restriction, objection, erasure) tracked to their one-month
 * deadline; erasure that keeps the books (see ADR 25).
 */
@NullMarked
@ApplicationModule(displayName = "Data rights", allowedDependencies = { "agents", "customers", "platform" })
package org.parlons.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
