package org.parlons.channels.meta;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Satisfaction;
import org.parlons.conversations.SatisfactionAsked;
import org.parlons.customers.Customers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The satisfaction question on WhatsApp: after a resolution, inside the 24-hour window, a
 * list of five scores the customer taps; the tap comes back through the webhook and rates
 * that resolution, once. The list speaks French (WhatsApp tells us nothing of the
 * customer's language); outside the window the survey waits in the customer's space.
 */
@Component
class WhatsAppSurveys {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppSurveys.class);

	private final Satisfaction satisfaction;

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Customers customers;

	private final WhatsAppConnector whatsapp;

	private final MessageSource words;

	WhatsAppSurveys(Satisfaction satisfaction, Conversations conversations, Inboxes inboxes, Customers customers,
			WhatsAppConnector whatsapp, MessageSource words) {
		this.satisfaction = satisfaction;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.customers = customers;
		this.whatsapp = whatsapp;
		this.words = words;
	}

	@ApplicationModuleListener
	void on(SatisfactionAsked asked) {
		if (!"whatsapp".equals(asked.channel())) {
			return;
		}
		Satisfaction.Survey survey = satisfaction.find(asked.surveyId()).orElse(null);
		Inbox inbox = inboxes.findById(asked.inboxId()).orElse(null);
		Conversation conversation = conversations.findById(asked.conversationId()).orElse(null);
		var customer = customers.findById(asked.customerId()).orElse(null);
		if (survey == null || inbox == null || conversation == null || customer == null || survey.answered()
				|| survey.askedVia() != null) {
			return;
		}
		Locale locale = Locale.FRENCH;
		List<String> scores = IntStream.rangeClosed(1, 5)
			.mapToObj(n -> words.getMessage("portal.rating." + n, null, locale))
			.toList();
		DeliveryResult sent = whatsapp.askRating(inbox, conversation, customer, satisfaction.tokenOf(survey.id()),
				words.getMessage("portal.rating.ask", null, locale),
				words.getMessage("portal.rating.send", null, locale), scores);
		if (sent instanceof DeliveryResult.Sent) {
			satisfaction.asked(survey.id(), "whatsapp");
		}
		else {
			log.info("Survey {} not asked on WhatsApp: {}", survey.id(), sent);
		}
	}

	/**
	 * A customer's tap in the list: rates the survey the token names when it belongs to
	 * this inbox; answers whether it did (a second tap, or an expired survey, rates
	 * nothing).
	 */
	boolean rated(Inbox inbox, String token, int score) {
		return satisfaction.byToken(token).filter(s -> s.inboxId() == inbox.id()).map(s -> {
			try {
				satisfaction.rate(s.id(), score, null, "whatsapp");
				return true;
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				log.info("A WhatsApp rating of survey {} was not taken: {}", s.id(), ex.getMessage());
				return false;
			}
		}).orElse(false);
	}

}
