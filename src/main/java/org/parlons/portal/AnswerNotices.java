package org.parlons.portal;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.PublicAddress;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells a customer by mail that an answer waits in their space (a request opened there is
 * answered there, where they may not look), unless they chose otherwise in their
 * preferences: a short mail with the request's link, never the answer itself (it may say
 * what a mailbox should not keep). Sent afterwards, through the server's mail
 * ({@code SPRING_MAIL_HOST}); without one, nothing is sent and the space still shows it.
 */
@Component
class AnswerNotices {

	private static final Logger log = LoggerFactory.getLogger(AnswerNotices.class);

	private final Customers customers;

	private final PortalPreferences preferences;

	private final PortalSettings settings;

	private final PublicAddress address;

	private final @Nullable JavaMailSender mail;

	private final MessageSource words;

	private final Executor background;

	AnswerNotices(Customers customers, PortalPreferences preferences, PortalSettings settings, PublicAddress address,
			ObjectProvider<JavaMailSender> mail, MessageSource words, @Qualifier("taskExecutor") Executor background) {
		this.customers = customers;
		this.preferences = preferences;
		this.settings = settings;
		this.address = address;
		this.mail = mail.getIfAvailable();
		this.words = words;
		this.background = background;
	}

	/** A reply reached the customer's space in this request. */
	void answered(long customerId, long conversationId, @Nullable String subject) {
		background.execute(() -> {
			try {
				send(customerId, conversationId, subject);
			}
			catch (RuntimeException ex) {
				log.warn("Customer {} could not be told of an answer: {}", customerId, ex.toString());
			}
		});
	}

	private void send(long customerId, long conversationId, @Nullable String subject) {
		long current = customers.current(customerId);
		PortalPreferences.Preferences chosen = preferences.of(current);
		if (Boolean.FALSE.equals(chosen.notifyByEmail()) || mail == null) {
			return;
		}
		Optional<String> to = customers.findById(current).flatMap(Customer::email);
		if (to.isEmpty()) {
			return;
		}
		Locale locale = PortalMails.localeOf(chosen);
		String request = PortalMails.requestTitle(words, subject, conversationId, locale);
		String link = address.base() + "/portal/requests/" + conversationId + "?lang=" + locale.getLanguage();
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(settings.mailFrom());
			helper.setTo(to.get());
			helper.setSubject(words.getMessage("portal.answered.subject", new Object[] { request }, locale));
			helper.setText(words.getMessage("portal.answered.body", new Object[] { request, link }, locale), false);
			message.setHeader("Auto-Submitted", "auto-generated");
			message.setHeader("X-Parlons-Event", "portal.answered");
			mail.send(message);
		}
		catch (MessagingException | MailException ex) {
			log.warn("Customer {} could not be told of an answer: {}", current, ex.toString());
		}
	}

}
