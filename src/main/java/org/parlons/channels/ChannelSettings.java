package org.parlons.channels;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the channels: how networks are read, how replies are delivered, how the
 * web chat is guarded.
 *
 * @param social the polled networks (X, Mastodon, Bluesky) ({@code parlons.social.*})
 * @param mastodon Mastodon's streaming API ({@code parlons.mastodon.*})
 * @param email the mailboxes ({@code parlons.email.*})
 * @param outbox the delivery of replies ({@code parlons.outbox.*})
 * @param widget the web chat's flood limits ({@code parlons.widget.*})
 */
@ConfigurationProperties("parlons")
public record ChannelSettings(@DefaultValue Social social, @DefaultValue Mastodon mastodon, @DefaultValue Email email,
		@DefaultValue Outbox outbox, @DefaultValue Widget widget) {

	/**
	 * Read by {@code @Scheduled} expressions: the bean's name, as the configuration
	 * properties scan gives it.
	 */
	public static final String BEAN = "@'parlons-org.parlons.channels.ChannelSettings'";

	/**
	 * @param pollInterval how often each polled inbox is read (longer when its rate limit
	 * says so)
	 * @param audienceInterval how often the brand's followers and posts' figures are read
	 * @param tick how often the poller looks for inboxes due
	 */
	public record Social(@DefaultValue("PT60S") Duration pollInterval, @DefaultValue("PT1H") Duration audienceInterval,
			@DefaultValue("PT1S") Duration tick) {
	}

	/**
	 * @param streaming follow the streaming API where the instance offers it (polling
	 * goes on beside it)
	 */
	public record Mastodon(@DefaultValue("true") boolean streaming) {
	}

	/**
	 * @param pollInterval how often each mailbox is fetched (IDLE wakes it sooner where
	 * the server offers it)
	 * @param maxBackoff the longest wait between tries of a failing mailbox
	 * @param maxAttachmentBytes larger attachments are listed (name, size) but not kept
	 * @param fetchBatch mails fetched per transaction
	 */
	public record Email(@DefaultValue("PT30S") Duration pollInterval, @DefaultValue("PT15M") Duration maxBackoff,
			@DefaultValue("26214400") long maxAttachmentBytes, @DefaultValue("100") int fetchBatch) {
	}

	/**
	 * @param pollInterval how often due deliveries are looked for
	 * @param maxAttempts tries before a reply is given up as failed
	 * @param baseBackoff the first wait between tries (doubled each time, jittered)
	 * @param lease a delivery claimed by a node that then died is tried again after this
	 */
	public record Outbox(@DefaultValue("PT0.5S") Duration pollInterval, @DefaultValue("10") int maxAttempts,
			@DefaultValue("PT5S") Duration baseBackoff, @DefaultValue("PT2M") Duration lease) {
	}

	/**
	 * @param visitorBurst messages a visitor may send at once
	 * @param visitorPerMinute messages a visitor may send per minute
	 * @param addressPerMinute messages one network address may send per minute, all
	 * visitors together
	 */
	public record Widget(@DefaultValue("5") int visitorBurst, @DefaultValue("20") int visitorPerMinute,
			@DefaultValue("300") int addressPerMinute) {
	}

}
