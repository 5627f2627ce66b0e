package org.parlons.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether an empty workspace is seeded with the Téléo demo ({@code parlons.demo.enabled},
 * {@code PARLONS_DEMO}), and where the demo's own mail server and stand-in network listen
 * on the loopback interface (0: any free port).
 *
 * @param enabled seed it, and run the demo's mailbox and network
 * @param smtpPort the demo mail server's SMTP port ({@code parlons.demo.smtp-port})
 * @param imapPort the demo mail server's IMAP port ({@code parlons.demo.imap-port})
 * @param networkPort the stand-in for WhatsApp's and Mastodon's APIs
 * ({@code parlons.demo.network-port})
 */
@ConfigurationProperties("parlons.demo")
record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("3025") int smtpPort,
		@DefaultValue("3143") int imapPort, @DefaultValue("3180") int networkPort) {
}
