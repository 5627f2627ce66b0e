package org.parlons.channels.meta;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.parlons.channels.DeliveryResult;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;
import org.parlons.customers.Customers;
import org.springframework.stereotype.Component;

/**
 * Facebook Pages: feed comments and visitor posts, and Messenger conversations.
 */
@Component
class FacebookConnector extends PageConnector {

	private final NetworkWords words;

	FacebookConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock, Customers customers,
			NetworkWords words, OutgoingFiles files) {
		super(http, health, messages, clock, customers, words, files);
		this.words = words;
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/**
	 * Files go in Messenger only, while its 24-hour window is open: a comment, public or
	 * answered privately, carries text alone.
	 */
	@Override
	public @org.jspecify.annotations.Nullable String checkFiles(Inbox inbox,
			org.parlons.conversations.Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility, List<org.parlons.conversations.Attachment> attachments) {
		return visibility == org.parlons.conversations.Visibility.PRIVATE && withinWindow(conversation) ? null
				: words.say("network.facebook.files");
	}

	/**
	 * A post on the page's feed ({@code POST /{page-id}/feed}). The Graph API keeps no
	 * idempotency key: a crash between its answer and the outbox's note posts again.
	 */
	@Override
	public DeliveryResult publish(Inbox inbox, org.parlons.channels.AccountPosts.Post post) {
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("message", post.text());
		if (post.link() != null) {
			body.put("link", post.link());
		}
		PlatformHttp.Answer answer = http.postJson(graph(inbox, inbox.setting(PAGE_ID) + "/feed"), body, auth(inbox));
		Object id = answer.json().get("id");
		DeliveryResult result = outcome(inbox, answer, id == null ? null : id.toString());
		return result instanceof DeliveryResult.Sent
				? new DeliveryResult.Sent(id.toString(), "https://www.facebook.com/" + id) : result;
	}

	/** What the Graph API takes in a page post. */
	@Override
	public int postLimit() {
		return 63_206;
	}

	/**
	 * The posts comments belong to, read from the Graph API ({@code message},
	 * {@code permalink_url}, {@code from}, {@code created_time}): feed webhooks name a
	 * post without saying what it says. Posts that cannot be read are left out.
	 */
	List<Post> describe(Inbox inbox, Collection<String> postIds) {
		List<Post> found = new ArrayList<>();
		for (String id : postIds) {
			PlatformHttp.Answer answer = http.get(graph(inbox, id + "?fields=message,permalink_url,from,created_time"),
					auth(inbox));
			Map<String, Object> json = answer.json();
			if (!answer.ok() || json.isEmpty()) {
				continue;
			}
			String author = json.get("from") instanceof Map<?, ?> from && from.get("name") != null
					? from.get("name").toString() : null;
			found.add(new Post(id, json.get("message") == null ? null : json.get("message").toString(),
					json.get("permalink_url") == null ? null : json.get("permalink_url").toString(), author,
					graphTime(json.get("created_time"))));
		}
		return found;
	}

	@Override
	String followerFields() {
		return "followers_count,fan_count";
	}

	/**
	 * The page's last 20 posts with reactions, comments, shares and the impressions and
	 * reach insights.
	 */
	@Override
	String postsEdge() {
		return "posts?limit=20&fields=id,message,created_time,permalink_url,shares,reactions.summary(total_count).limit(0),"
				+ "comments.summary(total_count).limit(0),insights.metric(post_impressions,post_impressions_unique)";
	}

	@Override
	Reading reading(Map<String, Object> post) {
		Map<String, Long> insights = insights(post);
		return new Reading(
				new Post(String.valueOf(post.get("id")),
						post.get("message") == null ? null : post.get("message").toString(),
						post.get("permalink_url") == null ? null : post.get("permalink_url").toString(), null,
						graphTime(post.get("created_time"))),
				new PostMetrics(count(post, "reactions"), count(post, "comments"), count(post, "shares"),
						insights.get("post_impressions"), insights.get("post_impressions_unique")));
	}

	@Override
	public String channel() {
		return "facebook";
	}

	@Override
	String network() {
		return "Facebook";
	}

	@Override
	String commentEdge() {
		return "comments";
	}

	@Override
	String privateNamespace(Inbox inbox) {
		return "facebook-psid:" + inbox.setting(PAGE_ID);
	}

	@Override
	int maxPrivateText() {
		return 2000;
	}

	@Override
	int maxCommentText() {
		return 8000;
	}

	@Override
	String hideField() {
		return "is_hidden";
	}

	@Override
	boolean likes() {
		return true;
	}

}
