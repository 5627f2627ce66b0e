package org.parlons.reporting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the reports ({@code parlons.reports.*}).
 *
 * @param refresh how often the last two days' rollups are rebuilt
 */
@ConfigurationProperties("parlons.reports")
record ReportingSettings(@DefaultValue("PT1M") Duration refresh) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	static final String BEAN = "@'parlons.reports-org.parlons.reporting.ReportingSettings'";

}
