package org.parlons.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the customer space ({@code parlons.portal.*}).
 *
 * @param linkValidity how long a sign-in link an agent issues or a customer asks for can
 * be used (at most 24 hours)
 * @param session how long a customer stays signed in
 * @param mailFrom the sender of sign-in mails (through {@code SPRING_MAIL_HOST})
 * @param inboxName the name of the inbox new requests from the customer space open in,
 * made when first needed
 */
@ConfigurationProperties("parlons.portal")
record PortalSettings(@DefaultValue("PT1H") Duration linkValidity, @DefaultValue("PT12H") Duration session,
		@DefaultValue("no-reply@parlons.local") String mailFrom, @DefaultValue("Espace client") String inboxName) {

	static final Duration LONGEST_LINK = Duration.ofHours(24);

	PortalSettings {
		if (linkValidity.isNegative() || linkValidity.isZero() || linkValidity.compareTo(LONGEST_LINK) > 0) {
			throw new IllegalArgumentException("parlons.portal.link-validity must be between 1 s and 24 h");
		}
	}

}
