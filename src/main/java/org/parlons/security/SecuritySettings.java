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
 * @param publicApiDocs whether the OpenAPI description and Swagger UI are readable
 * without signing in
 */
@ConfigurationProperties("parlons.security")
record SecuritySettings(@DefaultValue Login login, @DefaultValue("false") boolean observeFilters,
		@DefaultValue("false") boolean publicApiDocs) {

	/**
	 * @param maxFailures failed sign-ins in a row, for one account from one address,
	 * after which each further try waits (1 s, then doubling)
	 * @param lock the longest such wait
	 */
	record Login(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration lock) {
	}

}
