/**
 * Shared infrastructure every module may use: errors as problem+json, request limits,
 * locale, time.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package org.parlons.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
