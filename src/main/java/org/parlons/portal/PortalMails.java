package org.parlons.portal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/** What the mails the customer space sends have in common. */
final class PortalMails {

	private PortalMails() {
	}

	/** The language a customer's mails speak: the one they chose, else French. */
	static Locale localeOf(PortalPreferences.Preferences chosen) {
		return chosen.language() == null ? Locale.FRENCH : Locale.forLanguageTag(chosen.language());
	}

	/**
	 * A request as a mail names it: its subject, quoted the reader's way, else its
	 * number.
	 */
	static String requestTitle(MessageSource words, @Nullable String subject, long id, Locale locale) {
		return subject == null || subject.isBlank() ? "#" + id
				: words.getMessage("portal.quoted", new Object[] { subject.strip() }, locale);
	}

}
