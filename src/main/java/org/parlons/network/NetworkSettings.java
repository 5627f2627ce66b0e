package org.parlons.network;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the professional network ({@code parlons.network.*}).
 *
 * @param maxLinks the most links a path may have, the agent's first included (3: the
 * agent knows someone who knows someone who knows the target)
 * @param halfLife how long an observed exchange takes to count half as much
 * @param noticeWithin how long after an import its people must be told (GDPR Art. 14: a
 * month)
 * @param readInterval how often the exchanges stored since are read
 * @param settle how long a stored message is left alone before it is read, so that none
 * is skipped
 */
@ConfigurationProperties("parlons.network")
record NetworkSettings(@DefaultValue("3") int maxLinks, @DefaultValue("P180D") Duration halfLife,
		@DefaultValue("P30D") Duration noticeWithin, @DefaultValue("PT5S") Duration readInterval,
		@DefaultValue("PT2S") Duration settle) {

	static final String BEAN = "@'parlons.network-org.parlons.network.NetworkSettings'";

	NetworkSettings {
		if (maxLinks < 1 || maxLinks > 4) {
			throw new IllegalArgumentException("parlons.network.max-links is between 1 and 4");
		}
	}

}
