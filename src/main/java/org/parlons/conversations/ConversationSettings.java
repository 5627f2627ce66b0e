package org.parlons.conversations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the shared inbox ({@code parlons.conversations.*}).
 *
 * @param ingestion how single deliveries are stored together
 */
@ConfigurationProperties("parlons.conversations")
record ConversationSettings(@DefaultValue Ingestion ingestion) {

	/**
	 * @param committers threads that store groups, one while another's waits for its commit; 0 stores each message
	 * in its caller's thread, alone
	 * @param linger how long a committer waits for more messages once it has one
	 * @param maxGroup the most messages stored in one transaction
	 */
	record Ingestion(@DefaultValue("2") int committers, @DefaultValue("PT0.002S") Duration linger,
			@DefaultValue("64") int maxGroup) {

		Ingestion {
			if (committers < 0 || maxGroup < 1 || linger.isNegative()) {
				throw new IllegalArgumentException("Ingestion needs zero committers or more, groups of at least one "
						+ "message and a linger of zero or more");
			}
		}

	}

}
