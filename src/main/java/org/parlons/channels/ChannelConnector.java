package org.parlons.channels;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Identity;

/**
 * The port every channel adapter implements: check an inbox's settings, and deliver one
 * reply.
 */
public interface ChannelConnector {

	/** The channel name used in {@code POST /api/v1/inboxes}, e.g. "api" or "email". */
	String channel();

	/**
	 * Checks and completes the settings of a new or changed inbox (generating secrets it
	 * needs).
	 * @throws IllegalArgumentException naming what is wrong
	 */
	Map<String, Object> prepare(Map<String, Object> settings);

	/** Delivers one reply. Must not throw for a channel failure: say it in the result. */
	DeliveryResult deliver(Deliveries.Outgoing outgoing);

	/**
	 * A network rule this reply breaks (length, 24-hour window, no public place), told to
	 * the agent; null when it may go.
	 */
	default @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		return null;
	}

	/**
	 * How an agent addresses a customer when writing first on this channel (an email
	 * address, a phone number); null when agents cannot start conversations here (the
	 * customer must write first, as on social networks and the web chat).
	 */
	default Identity.@Nullable Kind addressedBy() {
		return null;
	}

	/**
	 * Whether a reply on this channel can send files; replies with files are refused on
	 * the others before they are stored.
	 */
	/**
	 * The bytes of a file a customer's message carries, as the network keeps it: the
	 * attachment's {@code url} holds this channel's reference ("telegram:…"); empty when
	 * it cannot be had (gone, too large, refused).
	 */
	default java.util.Optional<org.parlons.channels.social.PlatformHttp.Download> fetch(Inbox inbox,
			org.parlons.conversations.Attachment file) {
		return java.util.Optional.empty();
	}

	default boolean sendsFiles() {
		return false;
	}

	/**
	 * A network rule a reply with these files breaks (how many, how much text beside
	 * them), told to the agent; null when it may go. Asked only where
	 * {@link #sendsFiles}.
	 */
	default @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility,
			java.util.List<org.parlons.conversations.Attachment> files) {
		return null;
	}

	/**
	 * Called once an inbox of this channel is saved and committed: register a webhook,
	 * check access.
	 */
	default void configured(Inbox inbox) {
	}

	/**
	 * Called once an inbox of this channel is deleted and committed, with the settings it
	 * had: unregister a webhook, drop a session.
	 */
	default void removed(Inbox inbox) {
	}

	/**
	 * Acts on a customer's public message on the network: "hide", "unhide", "delete" or
	 * "like".
	 * @return null when done, else why not (the network does not allow it, or refused)
	 */
	default @Nullable String moderate(Inbox inbox, Message message, String action) {
		return "Parlons cannot " + action + " messages on this channel.";
	}

	/**
	 * Posts on the brand's account of this inbox (not a reply): an edition, an
	 * announcement. Must not throw for a channel failure: say it in the result, with the
	 * post's address in {@link DeliveryResult.Sent#url} when the network gives one.
	 * Called at least once per post: where the network allows, a repeat must not post
	 * twice.
	 */
	default DeliveryResult publish(Inbox inbox, AccountPosts.Post post) {
		return new DeliveryResult.Failed("Parlons cannot post on the brand's account of " + channel());
	}

	/**
	 * The longest post this channel takes, in characters as the network counts them (see
	 * {@link #length}); 0 when it takes none.
	 */
	default int postLimit() {
		return 0;
	}

	/** A text's length as the network counts it against {@link #postLimit}. */
	default int length(String text) {
		return text.codePointCount(0, text.length());
	}

	/**
	 * Setting names whose values are secrets, masked when shown to anyone but
	 * administrators.
	 */
	default Set<String> secretSettings() {
		return Set.of();
	}

}
