package org.parlons.privacy;

import java.time.Period;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of data rights ({@code parlons.privacy.*}).
 *
 * @param controller who is responsible for the data, as receipts name them
 * @param retention how long what kind of data is kept before it is erased
 */
@ConfigurationProperties("parlons.privacy")
public record PrivacySettings(@DefaultValue("Parlons") String controller, @DefaultValue Retention retention) {

	/**
	 * Retention rules, each run by the module that keeps the data, with the same erasure
	 * as a customer's request. None set: kept until someone asks.
	 *
	 * @param resolvedConversations how long a resolved conversation keeps its texts after
	 * its last activity ("5y"); its counts stay
	 * @param listeningAuthors how long the author of a mention stays known ("13m" as
	 * months: write "P13M"); the mention's figures stay
	 */
	public record Retention(@Nullable Period resolvedConversations, @Nullable Period listeningAuthors) {
	}

}
