/**
 * Listening and insights: what the public says and how honestly it can be summed up. Starts with
 * tonality shown two ways (per message and per person) with its uncertainty.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Listening")
package org.parlons.listening;
