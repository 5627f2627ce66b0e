package org.parlons.listening;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of listening ({@code parlons.listening.*}).
 *
 * @param collectInterval how often new public messages become mentions and are tagged
 * with topics
 * @param settle how old a message must be before it is read, so one whose transaction is
 * still open is not passed over
 * @param feedInterval how often feeds are read
 * @param feedFirstRead how long after start feeds are first read
 * @param searchInterval how often each saved network search runs
 * @param searchTick how often saved searches due are looked for
 * @param alertInterval how often bad buzz is looked for
 * @param alertWebhookUrl where alerts are POSTed, signed; empty for none
 * @param alertWebhookSecret the key of the alert signature
 * @param alertEmailTo the addresses alerts are mailed to
 * @param alertEmailFrom the sender of the alert mails
 */
@ConfigurationProperties("parlons.listening")
record ListeningSettings(@DefaultValue("PT2S") Duration collectInterval, @DefaultValue("PT5S") Duration settle,
		@DefaultValue("PT15M") Duration feedInterval, @DefaultValue("PT5S") Duration feedFirstRead,
		@DefaultValue("PT5M") Duration searchInterval, @DefaultValue("PT10S") Duration searchTick,
		@DefaultValue("PT5M") Duration alertInterval, @DefaultValue("") String alertWebhookUrl,
		@DefaultValue("") String alertWebhookSecret, @DefaultValue List<String> alertEmailTo,
		@DefaultValue("parlons@localhost") String alertEmailFrom) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	static final String BEAN = "@'parlons.listening-org.parlons.listening.ListeningSettings'";

	ListeningSettings {
		alertEmailTo = alertEmailTo.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
	}

}
