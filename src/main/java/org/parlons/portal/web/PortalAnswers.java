package org.parlons.portal.web;

import java.util.Locale;

import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalPreferences;
import org.parlons.portal.PortalRequests;

/** Which language a customer reads the team's answers in. */
final class PortalAnswers {

	private PortalAnswers() {
	}

	/**
	 * The language the customer chose in their preferences, else the one they read the
	 * space in (their browser's, or the FR/EN switch): French unless English.
	 */
	static String languageOf(PortalPreferences preferences, PortalRequests requests, PortalCustomer me, Locale locale) {
		String chosen = preferences.of(requests.currentOf(me)).language();
		if (chosen != null) {
			return chosen;
		}
		return "en".equals(locale.getLanguage()) ? "en" : "fr";
	}

}
