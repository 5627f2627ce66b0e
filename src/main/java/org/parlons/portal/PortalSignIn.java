package org.parlons.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * How customers get in: a single-use link an agent issues (to send it themselves) or one
 * mailed to an address the customer gives. Asking by email answers the same, at the same
 * speed, whether the address is known or not: the look-up and the mail happen after the
 * answer, and nothing tells them apart.
 */
@Service
public class PortalSignIn {

	private static final Logger log = LoggerFactory.getLogger(PortalSignIn.class);

	/** The most links one customer can ask for by email in an hour. */
	static final int MAILS_PER_HOUR = 5;

	private final PortalAccess access;

	private final Customers customers;

	private final PortalSettings settings;

	private final @Nullable JavaMailSender mail;

	private final MessageSource words;

	private final Executor background;

	private final JdbcClient jdbc;

	private final Clock clock;

	PortalSignIn(PortalAccess access, Customers customers, PortalSettings settings, ObjectProvider<JavaMailSender> mail,
			MessageSource words, @Qualifier("taskExecutor") Executor background, JdbcClient jdbc, Clock clock) {
		this.access = access;
		this.customers = customers;
		this.settings = settings;
		this.mail = mail.getIfAvailable();
		this.words = words;
		this.background = background;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A sign-in link for a customer, issued by an agent.
	 * @param base where the customer reaches this server ("https://parlons.example.org")
	 */
	public String invite(long customerId, long agentId, String base) {
		if (customers.findById(customerId).isEmpty()) {
			throw new NotFoundException("No customer " + customerId);
		}
		return link(base, access.issueLink(customers.current(customerId), agentId, settings.linkValidity()));
	}

	/**
	 * Mails a sign-in link to the address if a customer has it, later: the caller learns
	 * nothing either way.
	 */
	public void mailLink(String email, String base, Locale locale) {
		background.execute(() -> {
			try {
				sendIfKnown(email, base, locale);
			}
			catch (RuntimeException ex) {
				log.warn("A sign-in link could not be mailed: {}", ex.toString());
			}
		});
	}

	private void sendIfKnown(String email, String base, Locale locale) {
		Identity address;
		try {
			address = Identity.email(email);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		Optional<Long> found = customers.findByIdentity(address);
		if (found.isEmpty()) {
			log.debug("A sign-in link was asked for an unknown address");
			return;
		}
		long customer = customers.current(found.get());
		long recent = jdbc
			.sql("select count(*) from portal_link where customer_id = ? and issued_by is null and created_at > ?")
			.params(customer, Timestamp.from(clock.instant().minusSeconds(3600)))
			.query(Long.class)
			.single();
		if (recent >= MAILS_PER_HOUR) {
			log.info("Customer {} asked for more than {} sign-in links in an hour: no more mailed", customer,
					MAILS_PER_HOUR);
			return;
		}
		JavaMailSender sender = mail;
		if (sender == null) {
			log.warn("Customer {} asked for a sign-in link, but no mail server is configured (SPRING_MAIL_HOST)",
					customer);
			return;
		}
		String link = link(base, access.issueLink(customer, null, settings.linkValidity()));
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(settings.mailFrom());
			helper.setTo(address.value());
			helper.setSubject(words.getMessage("portal.mail.subject", null, locale));
			helper.setText(words.getMessage("portal.mail.body",
					new Object[] { link, String.valueOf(settings.linkValidity().toMinutes()) }, locale), false);
			message.setHeader("X-Parlons-Event", "portal.sign-in");
			sender.send(message);
		}
		catch (MessagingException | MailException ex) {
			log.warn("The sign-in link of customer {} could not be mailed: {}", customer, ex.toString());
		}
	}

	/** Spends a link and opens a session: its token, if the link was good. */
	public Optional<String> signIn(String linkToken) {
		if (linkToken.isBlank() || linkToken.length() > 100) {
			return Optional.empty();
		}
		return access.spendLink(linkToken).map(customer -> access.openSession(customer, settings.session()));
	}

	Optional<PortalCustomer> session(String token) {
		if (token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return access.sessionOf(token).map(PortalCustomer::new);
	}

	public void signOut(String token) {
		access.closeSession(token);
	}

	public java.time.Duration sessionTerm() {
		return settings.session();
	}

	private static String link(String base, String token) {
		return base.replaceAll("/+$", "") + "/portal/sign-in/" + token;
	}

}
