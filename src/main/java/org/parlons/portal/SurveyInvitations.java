package org.parlons.portal;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

import org.parlons.platform.PublicAddress;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.Notices;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Satisfaction;
import org.parlons.conversations.SatisfactionAsked;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Asks for a rating on the channel the customer used, once per resolution, after the
 * resolution is committed: by email, a mail from the conversation's own mailbox with one
 * link per score (each opens the survey page with that score chosen, to confirm). The
 * customer space asks on its own (the request shows the survey), and the web chat shows
 * its buttons itself. A customer who chose no mail from us is asked in their space only.
 * A mail server that does not answer leaves the event incomplete, tried again when the
 * server restarts.
 */
@Component
class SurveyInvitations {

	private static final Logger log = LoggerFactory.getLogger(SurveyInvitations.class);

	private final Satisfaction satisfaction;

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Customers customers;

	private final PortalPreferences preferences;

	private final Notices notices;

	private final MessageSource words;

	private final PublicAddress address;

	SurveyInvitations(Satisfaction satisfaction, Conversations conversations, Inboxes inboxes, Customers customers,
			PortalPreferences preferences, Notices notices, MessageSource words, PublicAddress address) {
		this.satisfaction = satisfaction;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.customers = customers;
		this.preferences = preferences;
		this.notices = notices;
		this.words = words;
		this.address = address;
	}

	@ApplicationModuleListener
	void on(SatisfactionAsked asked) {
		if (!"email".equals(asked.channel())) {
			return;
		}
		Satisfaction.Survey survey = satisfaction.find(asked.surveyId()).orElse(null);
		Inbox mailbox = inboxes.findById(asked.inboxId()).orElse(null);
		Conversation conversation = conversations.findById(asked.conversationId()).orElse(null);
		if (survey == null || mailbox == null || conversation == null || survey.answered()
				|| survey.askedVia() != null) {
			return;
		}
		long current = customers.current(asked.customerId());
		PortalPreferences.Preferences chosen = preferences.of(current);
		if (Boolean.FALSE.equals(chosen.notifyByEmail())) {
			return;
		}
		Optional<String> to = customers.findById(asked.customerId())
			.flatMap(Customer::email)
			.or(() -> customers.findById(current).flatMap(Customer::email));
		if (to.isEmpty()) {
			log.info("Survey {} cannot be mailed: customer {} has no address", survey.id(), current);
			return;
		}
		Locale locale = PortalMails.localeOf(chosen);
		String request = PortalMails.requestTitle(words, conversation.subject(), conversation.id(), locale);
		StringJoiner links = new StringJoiner("\n");
		for (int score = 5; score >= 1; score--) {
			// the page speaks the mail's language
			links.add(words.getMessage(
					"satisfaction.mail.link", new Object[] { String.valueOf(score),
							words.getMessage("portal.rating." + score, null, locale), address.base()
									+ satisfaction.answerPath(survey.id(), score) + "&lang=" + locale.getLanguage() },
					locale));
		}
		DeliveryResult sent = notices.mail(mailbox, to.get(),
				words.getMessage("satisfaction.mail.subject", new Object[] { request }, locale),
				words.getMessage("satisfaction.mail.body", new Object[] { request, links.toString() }, locale));
		if (sent instanceof DeliveryResult.Sent) {
			satisfaction.asked(survey.id(), "email");
		}
		else if (sent instanceof DeliveryResult.Retry retry) {
			throw new IllegalStateException("survey " + survey.id() + " not mailed yet: " + retry.reason());
		}
		else if (sent instanceof DeliveryResult.Failed failed) {
			log.warn("Survey {} could not be mailed: {}", survey.id(), failed.reason());
		}
	}

}
