package org.parlons.channels;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.MessageReceived;
import org.parlons.conversations.Messages;
import org.parlons.platform.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Fetches the files a customer's message carries on a network (a Telegram photo, a
 * WhatsApp image or document, a Messenger or Instagram attachment, the pictures and
 * videos of a Mastodon, Bluesky or X post) into the blob store once the message is
 * stored, at most {@link org.parlons.channels.social.PlatformHttp#MAX_FILE} and only when
 * served as the kind announced, so the thread shows them and they download for as long as
 * the conversation is kept, whatever the network does with them later. A file that cannot
 * be had keeps its reference and is listed without a link.
 */
@Component
class InboundMedia {

	private static final Logger log = LoggerFactory.getLogger(InboundMedia.class);

	private final Messages messages;

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final BlobStore blobs;

	InboundMedia(Messages messages, Inboxes inboxes, ChannelConnectors connectors, BlobStore blobs) {
		this.messages = messages;
		this.inboxes = inboxes;
		this.connectors = connectors;
		this.blobs = blobs;
	}

	@ApplicationModuleListener
	void on(MessageReceived received) {
		Message message = messages.findById(received.messageId()).orElse(null);
		if (message == null || message.attachments().isEmpty()) {
			return;
		}
		Inbox inbox = inboxes.findById(message.inboxId()).orElse(null);
		ChannelConnector connector = inbox == null ? null : connectors.of(inbox.channel()).orElse(null);
		if (connector == null || message.attachments().stream().noneMatch(f -> onTheNetwork(f, inbox))) {
			return;
		}
		List<Attachment> kept = new ArrayList<>();
		boolean changed = false;
		for (Attachment file : message.attachments()) {
			if (!onTheNetwork(file, inbox)) {
				kept.add(file);
				continue;
			}
			var fetched = connector.fetch(inbox, file);
			if (fetched.isEmpty()) {
				log.warn("The file {} of message {} could not be fetched from {}", file.name(), message.id(),
						inbox.channel());
				kept.add(file);
				continue;
			}
			String type = typeOf(file.contentType(), fetched.get().contentType());
			if (type == null) {
				log.warn("The file {} of message {} was announced as {} but served as {}: not kept", file.name(),
						message.id(), file.contentType(), fetched.get().contentType());
				kept.add(file);
				continue;
			}
			byte[] bytes = fetched.get().bytes();
			kept.add(new Attachment(file.name(), type, bytes.length, "blob:" + blobs.put(bytes)));
			changed = true;
		}
		if (changed) {
			messages.keepAttachments(message.id(), kept);
		}
	}

	/**
	 * The type a fetched file is kept as: the one served when the message announced only
	 * its kind ("image/*") or nothing, the one announced otherwise; null when the served
	 * one is of another kind (a page instead of a picture).
	 */
	static @Nullable String typeOf(String announced, String served) {
		String clean = served.contains(";") ? served.substring(0, served.indexOf(';')).strip() : served.strip();
		if (announced.equals("application/octet-stream")) {
			return clean.isEmpty() ? announced : clean;
		}
		String kind = announced.substring(0, Math.max(0, announced.indexOf('/')));
		if (!clean.startsWith(kind + "/") && !clean.equals("application/octet-stream")) {
			return null;
		}
		return announced.endsWith("/*") && clean.startsWith(kind + "/") ? clean : announced;
	}

	/**
	 * A file the network keeps, named by a reference its channel reads ("telegram:…",
	 * "whatsapp:…"), not yet fetched.
	 */
	static boolean onTheNetwork(Attachment file, Inbox inbox) {
		return file.url() != null && file.url().startsWith(inbox.channel() + ":");
	}

}
