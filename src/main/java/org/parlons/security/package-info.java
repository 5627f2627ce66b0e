/**
 * Who is calling: form sign-in for people, HTTP Basic and Bearer tokens for the API,
 * throttled sign-ins.
 */
@NullMarked
@ApplicationModule(displayName = "Security", allowedDependencies = { "agents", "platform" })
package org.parlons.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
