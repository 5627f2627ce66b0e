package org.parlons.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of routing ({@code parlons.sla.*}).
 *
 * @param watchInterval how often service-level breaches are looked for
 * @param breachMailFrom the sender of the mails telling agents of a missed service level
 */
@ConfigurationProperties("parlons.sla")
record RoutingSettings(@DefaultValue("PT1M") Duration watchInterval,
		@DefaultValue("parlons@localhost") String breachMailFrom) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	static final String BEAN = "@'parlons.sla-org.parlons.routing.RoutingSettings'";

}
