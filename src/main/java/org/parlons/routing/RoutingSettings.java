package org.parlons.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of routing ({@code parlons.sla.*}).
 *
 * @param watchInterval how often service-level breaches are looked for
 */
@ConfigurationProperties("parlons.sla")
record RoutingSettings(@DefaultValue("PT1M") Duration watchInterval) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	static final String BEAN = "@'parlons.sla-org.parlons.routing.RoutingSettings'";

}
