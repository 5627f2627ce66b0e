package org.parlons.advocacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the programmes ({@code parlons.advocacy.*}).
 *
 * @param watchInterval how often the members' new public posts are read for disclosures
 * and missions
 * @param settle how long a stored mention is left alone before it is read, so that none
 * is skipped
 */
@ConfigurationProperties("parlons.advocacy")
record AdvocacySettings(@DefaultValue("PT30S") Duration watchInterval, @DefaultValue("PT5S") Duration settle) {

	static final String BEAN = "@'parlons.advocacy-org.parlons.advocacy.AdvocacySettings'";

}
