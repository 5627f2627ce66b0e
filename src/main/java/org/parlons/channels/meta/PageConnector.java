package org.parlons.channels.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.social.AudienceSource;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.platform.Json;

/**
 * A Facebook Page or an Instagram account: comments answered in public under the comment,
 * private messages through the Send API, and a public comment answered privately with
 * Meta's "private reply" (one message to the commenter, within 7 days), whose answer
 * tells us the commenter's private id so their next messages join the same customer.
 */
abstract class PageConnector extends MetaConnector implements AudienceSource {

	/** Meta's limit on private replies to a comment. */
	static final Duration PRIVATE_REPLY_DELAY = Duration.ofDays(7);

	private final Customers customers;

	private final NetworkWords words;

	/**
	 * The reply files a page sends (Messenger's); null for Instagram, which takes none.
	 */
	private final @Nullable OutgoingFiles files;

	PageConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock, Customers customers,
			NetworkWords words, OutgoingFiles files) {
		super(http, health, messages, clock);
		this.words = words;
		this.customers = customers;
		this.files = files;
	}

	@Override
	String accountSetting() {
		return PAGE_ID;
	}

	/** The account fields holding its followers, the first given one counting. */
	abstract String followerFields();

	/** The Graph edge and fields of the account's recent posts with their figures. */
	abstract String postsEdge();

	/** One post of {@link #postsEdge()} with its figures. */
	abstract Reading reading(Map<String, Object> post);

	/**
	 * The account's followers and its last posts' figures from the Graph API (the page or
	 * Instagram account the inbox answers for); insights need the {@code read_insights}
	 * or {@code instagram_manage_insights} permission, and a post without them keeps its
	 * likes, comments and shares.
	 */
	@Override
	public Audience audience(Inbox inbox) {
		String account = inbox.setting(PAGE_ID);
		PlatformHttp.Answer me = http.get(graph(inbox, account + "?fields=" + followerFields()), auth(inbox));
		Long followers = null;
		for (String field : followerFields().split(",")) {
			if (followers == null && me.json().get(field) instanceof Number n) {
				followers = n.longValue();
			}
		}
		if (!me.ok() || followers == null) {
			throw new IllegalStateException(
					network() + " " + me.status() + " reading the followers: " + FailureReason.of(me.body()));
		}
		PlatformHttp.Answer posts = http.get(graph(inbox, account + "/" + postsEdge()), auth(inbox));
		if (!posts.ok()) {
			throw new IllegalStateException(
					network() + " " + posts.status() + " reading the posts: " + FailureReason.of(posts.body()));
		}
		List<Reading> readings = new ArrayList<>();
		if (posts.json().get("data") instanceof List<?> data) {
			for (Object post : data) {
				if (post instanceof Map<?, ?> p && p.get("id") != null) {
					readings.add(reading(cast(p)));
				}
			}
		}
		return new Audience(followers, readings);
	}

	/**
	 * A Graph time ({@code 2026-11-24T08:00:00+0000}); null when absent or unreadable.
	 */
	static @Nullable Instant graphTime(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.toString().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null; // the post is still worth showing without its date
		}
	}

	/**
	 * A post's insights by metric name (their lifetime value), empty when the token may
	 * not read them.
	 */
	static Map<String, Long> insights(Map<String, Object> post) {
		Map<String, Long> out = new LinkedHashMap<>();
		if (post.get("insights") instanceof Map<?, ?> insights && insights.get("data") instanceof List<?> metrics) {
			for (Object metric : metrics) {
				if (metric instanceof Map<?, ?> m && m.get("values") instanceof List<?> values && !values.isEmpty()
						&& values.get(0) instanceof Map<?, ?> first && first.get("value") instanceof Number n) {
					out.put(String.valueOf(m.get("name")), n.longValue());
				}
			}
		}
		return out;
	}

	/**
	 * A count the Graph gives as a number field, or as {@code {edge: {summary:
	 * {total_count}}}}.
	 */
	static @Nullable Long count(Map<String, Object> post, String field) {
		Object value = post.get(field);
		if (value instanceof Number n) {
			return n.longValue();
		}
		if (value instanceof Map<?, ?> edge) {
			if (edge.get("summary") instanceof Map<?, ?> summary && summary.get("total_count") instanceof Number n) {
				return n.longValue();
			}
			if (edge.get("count") instanceof Number n) {
				return n.longValue(); // shares: {"count": 3}
			}
		}
		return null;
	}

	/**
	 * The Graph edge that answers a comment publicly: "comments" on Facebook, "replies"
	 * on Instagram.
	 */
	abstract String commentEdge();

	/**
	 * The namespace of private-message ids (page-scoped on Facebook, Instagram-scoped on
	 * Instagram).
	 */
	abstract String privateNamespace(Inbox inbox);

	abstract int maxPrivateText();

	abstract int maxCommentText();

	abstract String network();

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		if (visibility == Visibility.PUBLIC) {
			if (messages.lastInbound(conversation.id(), Placement.COMMENT).isEmpty()
					&& (!"instagram".equals(inbox.channel())
							|| messages.lastInbound(conversation.id(), Placement.MENTION).isEmpty())) {
				return words.say("network.page.noComment", network());
			}
			return text.length() > maxCommentText()
					? words.say("network.page.commentLength", network(), maxCommentText()) : null;
		}
		if (text.length() > maxPrivateText()) {
			return words.say("network.page.privateLength", network(), maxPrivateText());
		}
		if (withinWindow(conversation)) {
			return null;
		}
		var comment = messages.lastInbound(conversation.id(), Placement.COMMENT);
		if (comment.isPresent() && comment.get().sentAt().isAfter(clock.instant().minus(PRIVATE_REPLY_DELAY))) {
			return null; // a private reply to the comment
		}
		var last = lastPrivateAt(conversation);
		return "Outside " + network() + "'s 24-hour window: "
				+ (last == null ? "the customer never wrote privately" : "the customer last wrote privately at " + last)
				+ ", and Meta allows no free private reply after that.";
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		Inbox inbox = outgoing.inbox();
		Message reply = outgoing.message();
		long conversationId = outgoing.conversation().id();
		if (reply.visibility() == Visibility.PUBLIC) {
			Message mention = messages.lastInbound(conversationId, Placement.MENTION).orElse(null);
			Message comment = messages.lastInbound(conversationId, Placement.COMMENT).orElse(null);
			if (mention != null && "instagram".equals(inbox.channel())
					&& (comment == null || mention.sentAt().isAfter(comment.sentAt()))) {
				return answerMention(inbox, mention, reply.text());
			}
			if (comment == null) {
				return new DeliveryResult.Failed("No public comment to answer");
			}
			// Facebook threads one level deep: an answer to an answer goes under the top
			// comment.
			String target = comment.inReplyTo() != null && "facebook".equals(inbox.channel()) ? comment.inReplyTo()
					: comment.externalId();
			PlatformHttp.Answer answer = http.postJson(graph(inbox, target + "/" + commentEdge()),
					Map.of("message", reply.text()), auth(inbox));
			return outcome(inbox, answer, answer.json().get("id") == null ? null : answer.json().get("id").toString());
		}
		String recipient = privateRecipient(outgoing);
		Map<String, Object> to;
		Message comment = null;
		if (recipient != null && withinWindow(outgoing.conversation())) {
			to = Map.of("id", recipient);
		}
		else {
			comment = messages.lastInbound(conversationId, Placement.COMMENT).orElse(null);
			if (comment == null) {
				return new DeliveryResult.Failed("No private thread and no comment to answer privately");
			}
			to = Map.of("comment_id", comment.externalId());
		}
		if (!reply.attachments().isEmpty()) {
			// Messenger takes one file per message, uploaded with it: the files go first,
			// the text last (its id is the reply's)
			DeliveryResult failed = sendFiles(inbox, to, reply);
			if (failed != null) {
				return failed;
			}
		}
		PlatformHttp.Answer answer = http.postJson(graph(inbox, inbox.setting(PAGE_ID) + "/messages"),
				Map.of("recipient", to, "messaging_type", "RESPONSE", "message", Map.of("text", reply.text())),
				auth(inbox));
		Map<String, Object> json = answer.json();
		String messageId = json.get("message_id") == null ? null : json.get("message_id").toString();
		if (answer.ok() && comment != null && json.get("recipient_id") != null) {
			// The private reply reveals the commenter's private id: their answer will
			// join this customer.
			customers.addIdentitiesIfFree(List.of(Map.entry(outgoing.customer().id(),
					Identity.external(privateNamespace(inbox), json.get("recipient_id").toString()))));
		}
		return outcome(inbox, answer, messageId);
	}

	/**
	 * Each file of a private reply as a Messenger message of its own; null when all went.
	 */
	@Nullable DeliveryResult sendFiles(Inbox inbox, Map<String, Object> to, Message reply) {
		return files.eachPart(reply.attachments(), "filedata", part -> {
			String type = part.contentType().startsWith("image/") ? "image" : part.contentType().startsWith("video/")
					? "video" : part.contentType().startsWith("audio/") ? "audio" : "file";
			PlatformHttp.Answer sent = http.postMultipart(graph(inbox, inbox.setting(PAGE_ID) + "/messages"),
					Map.of("recipient", Json.write(to), "messaging_type", "RESPONSE", "message",
							Json.write(Map.of("attachment",
									Map.of("type", type, "payload", Map.of("is_reusable", false))))),
					List.of(part), auth(inbox));
			return sent.ok() && sent.json().get("message_id") != null ? null : outcome(inbox, sent, null);
		});
	}

	/**
	 * An Instagram mention is answered with a comment through the account's /mentions
	 * edge.
	 */
	private DeliveryResult answerMention(Inbox inbox, Message mention, String text) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("media_id", mention.threadRef());
		if (!mention.externalId().startsWith("mention:")) {
			body.put("comment_id", mention.externalId());
		}
		body.put("message", text);
		PlatformHttp.Answer answer = http.postJson(graph(inbox, inbox.setting(PAGE_ID) + "/mentions"), body,
				auth(inbox));
		return outcome(inbox, answer, answer.json().get("id") == null ? null : answer.json().get("id").toString());
	}

	@Override
	public @Nullable String moderate(Inbox inbox, Message message, String action) {
		if (!message.inbound()
				|| message.placement() != Placement.COMMENT && message.placement() != Placement.MENTION) {
			return "Only a customer's public comment can be moderated on " + network() + ".";
		}
		String url = graph(inbox, message.externalId());
		PlatformHttp.Answer answer = switch (action) {
			case "hide", "unhide" -> http.postJson(url, Map.of(hideField(), "hide".equals(action)), auth(inbox));
			case "delete" -> http.delete(url, auth(inbox));
			case "like" -> likes() ? http.postJson(url + "/likes", Map.of(), auth(inbox)) : null;
			default -> null;
		};
		return answer == null ? network() + " does not allow Parlons to " + action + " a comment."
				: PlatformHttp.refusal(network(), answer);
	}

	/** The field that hides a comment: "is_hidden" on Facebook, "hide" on Instagram. */
	abstract String hideField();

	/**
	 * Whether the page may like a comment through the API (Facebook yes, Instagram no).
	 */
	abstract boolean likes();

	private @Nullable String privateRecipient(Deliveries.Outgoing outgoing) {
		String namespace = privateNamespace(outgoing.inbox());
		return outgoing.customer().identity(Identity.Kind.EXTERNAL, namespace).orElse(null);
	}

}
