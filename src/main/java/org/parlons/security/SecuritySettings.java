package org.parlons.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of sign-in and request security ({@code parlons.security.*}).
 *
 * @param login how failed sign-ins are throttled
 * @param observeFilters whether each security filter of each request is observed (a timer
 * per filter); the request itself is observed either way
 */
@ConfigurationProperties("parlons.security")
record SecuritySettings(@DefaultValue Login login, @DefaultValue("false") boolean observeFilters) {

	/**
	 * @param maxFailures failed sign-ins in a row that lock an account name
	 * @param lock how long it stays locked
	 */
	record Login(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration lock) {
	}

}
