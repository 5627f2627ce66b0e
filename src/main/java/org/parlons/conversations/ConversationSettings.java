package org.parlons.conversations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the shared inbox ({@code parlons.conversations.*}).
 *
 * @param ingestion how single deliveries are stored together
 * @param snoozeCheck how often snoozed conversations due are woken
 */
@ConfigurationProperties("parlons.conversations")
public record ConversationSettings(@DefaultValue Ingestion ingestion, @DefaultValue("PT30S") Duration snoozeCheck) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	public static final String BEAN = "@'parlons.conversations-org.parlons.conversations.ConversationSettings'";

	/**
	 * @param committers threads that store groups, one while another's waits for its
	 * commit; 0 stores each message in its caller's thread, alone
	 * @param linger how long a committer waits for more messages once it has one
	 * @param maxGroup the most messages stored in one transaction
	 */
	public record Ingestion(@DefaultValue("2") int committers, @DefaultValue("PT0.002S") Duration linger,
			@DefaultValue("64") int maxGroup) {

		public Ingestion {
			if (committers < 0 || maxGroup < 1 || linger.isNegative()) {
				throw new IllegalArgumentException("Ingestion needs zero committers or more, groups of at least one "
						+ "message and a linger of zero or more");
			}
		}

	}

}
