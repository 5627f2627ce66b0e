package org.parlons.channels.meta;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.springframework.stereotype.Component;

/**
 * Instagram professional accounts: comments on the account's media and direct messages.
 */
@Component
class InstagramConnector extends PageConnector {

	InstagramConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock, Customers customers,
			NetworkWords words, OutgoingFiles files) {
		super(http, health, messages, clock, customers, words, files);
	}

	@Override
	public String channel() {
		return "instagram";
	}

	@Override
	String network() {
		return "Instagram";
	}

	@Override
	String followerFields() {
		return "followers_count";
	}

	/**
	 * The account's last 20 media with likes, comments and the reach and views insights.
	 */
	@Override
	String postsEdge() {
		return "media?limit=20&fields=id,caption,timestamp,permalink,like_count,comments_count,insights.metric(reach,views)";
	}

	@Override
	Reading reading(Map<String, Object> media) {
		Map<String, Long> insights = insights(media);
		return new Reading(
				new Post(String.valueOf(media.get("id")),
						media.get("caption") == null ? null : media.get("caption").toString(),
						media.get("permalink") == null ? null : media.get("permalink").toString(), null,
						graphTime(media.get("timestamp"))),
				new PostMetrics(count(media, "like_count"), count(media, "comments_count"), null, insights.get("views"),
						insights.get("reach")));
	}

	@Override
	String commentEdge() {
		return "replies";
	}

	@Override
	String privateNamespace(Inbox inbox) {
		return "instagram-igsid:" + inbox.setting(PAGE_ID);
	}

	@Override
	int maxPrivateText() {
		return 1000;
	}

	@Override
	int maxCommentText() {
		return 2200;
	}

	/**
	 * Reads an @mention of the brand on someone else's media (Instagram's
	 * {@code mentioned_comment} and {@code mentioned_media} fields of the account), as a
	 * public message. Null when Instagram cannot say (deleted meanwhile, permissions):
	 * the reason is on the inbox's health.
	 */
	@Nullable InboundMessage mention(Inbox inbox, MetaPayloads.MentionRef ref) {
		String account = inbox.setting(PAGE_ID);
		boolean inComment = ref.commentId() != null;
		String fields = inComment
				? "mentioned_comment.comment_id(" + ref.commentId()
						+ "){id,text,timestamp,username,media{id,permalink}}"
				: "mentioned_media.media_id(" + ref.mediaId() + "){id,caption,timestamp,username,permalink}";
		PlatformHttp.Answer answer = http
			.get(graph(inbox, account + "?fields=" + URLEncoder.encode(fields, StandardCharsets.UTF_8)), auth(inbox));
		Object found = answer.json().get(inComment ? "mentioned_comment" : "mentioned_media");
		if (!answer.ok() || !(found instanceof Map<?, ?> raw)) {
			health.failed(inbox.id(),
					"Instagram mention " + (inComment ? ref.commentId() : ref.mediaId()) + " could not be read: "
							+ answer.status() + " " + FailureReason.of(answer.body()),
					clock.instant().plus(Duration.ofMinutes(1)));
			return null;
		}
		Map<String, Object> m = cast(raw);
		String username = String.valueOf(m.getOrDefault("username", "unknown"));
		String text = String.valueOf(m.getOrDefault(inComment ? "text" : "caption", ""));
		String permalink = m.get("permalink") != null ? m.get("permalink").toString()
				: m.get("media") instanceof Map<?, ?> media && media.get("permalink") != null
						? media.get("permalink").toString() : null;
		Instant at = m.get("timestamp") == null ? ref.at()
				: OffsetDateTime.parse(m.get("timestamp").toString().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"))
					.toInstant();
		return new InboundMessage(inbox.id(), inComment ? ref.commentId() : "mention:" + ref.mediaId(),
				new Author("@" + username, List.of(Identity.handle("instagram", username))), text, at,
				Visibility.PUBLIC, null, null, List.of(), InboundMessage.Details.social(Placement.MENTION,
						new Post(ref.mediaId(), inComment ? null : text, permalink, "@" + username, null)));
	}

	@Override
	String hideField() {
		return "hide";
	}

	@Override
	boolean likes() {
		return false;
	}

}
