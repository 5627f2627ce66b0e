/**
 * Reading texts in French and English: tokens, the language a text is in, its sentiment
 * (lexicons with VADER's rules) and its keywords. Used by governance, routing and
 * listening alike.
 */
@NullMarked
@ApplicationModule(displayName = "Language", allowedDependencies = {})
package org.parlons.language;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
