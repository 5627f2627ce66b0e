package org.parlons.curation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.parlons.channels.AccountPosts;
import org.parlons.conversations.Inbox;
import org.parlons.platform.PublicAddress;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * What an edition says where it goes: a post that fits its network (the edition's title,
 * the headline with the curator's note and its link, then the edition's own page), the
 * text of the email digest, and the HTML of the feeds. Words come from the bundle, in the
 * edition's language.
 */
@Component
public class EditionText {

	private final Items items;

	private final AccountPosts posts;

	private final PublicAddress address;

	private final MessageSource words;

	EditionText(Items items, AccountPosts posts, PublicAddress address, MessageSource words) {
		this.items = items;
		this.posts = posts;
		this.address = address;
		this.words = words;
	}

	/** The edition's public page. */
	public String pageUrl(long editionId) {
		return address.base() + "/editions/" + editionId;
	}

	/** What governance reads for a target: its post, or the digest for a mailbox. */
	String reviewed(Editions.Edition edition, Inbox inbox) {
		return inbox.channel().equals("email") ? digest(edition, "") : post(edition, inbox);
	}

	/**
	 * The post for the inbox's network, within its limit: the headline's note is
	 * shortened first, then the headline's title, then the edition's title.
	 */
	public String post(Editions.Edition edition, Inbox inbox) {
		Items.Item headline = items.get(edition.headline().itemId());
		Locale locale = Locale.forLanguageTag(edition.language());
		String more = edition.briefs().isEmpty() ? pageUrl(edition.id())
				: say("edition.post.more", locale, edition.briefs().size(), pageUrl(edition.id()));
		String title = edition.title();
		String note = edition.headline().note() == null ? "" : edition.headline().note();
		String head = headline.title();
		int limit = posts.limit(inbox.channel());
		String text = compose(title, head, note, headline.url(), more);
		while (posts.length(inbox.channel(), text) > limit) {
			if (!note.isEmpty()) {
				note = shorter(note);
			}
			else if (!head.isEmpty()) {
				head = shorter(head);
			}
			else if (title.length() > 1) {
				title = shorter(title);
			}
			else {
				break;
			}
			text = compose(title, head, note, headline.url(), more);
		}
		return text;
	}

	private static String compose(String title, String headline, String note, String link, String more) {
		StringBuilder out = new StringBuilder(title).append("\n\n");
		if (!headline.isEmpty()) {
			out.append(headline).append('\n');
		}
		if (!note.isEmpty()) {
			out.append(note).append('\n');
		}
		return out.append(link).append("\n\n").append(more).toString();
	}

	/** Ten characters fewer, cut at a word and ended by an ellipsis; empty when short. */
	private static String shorter(String text) {
		String base = text.endsWith("\u2026") ? text.substring(0, text.length() - 1) : text;
		if (base.length() <= 12) {
			return "";
		}
		String cut = base.substring(0, base.length() - 10);
		int space = cut.lastIndexOf(' ');
		if (space > cut.length() / 2) {
			cut = cut.substring(0, space);
		}
		return cut.strip() + "\u2026";
	}

	/** The digest mailed to a customer, with the link that withdraws the consent. */
	String digest(Editions.Edition edition, String unsubscribe) {
		Locale locale = Locale.forLanguageTag(edition.language());
		Map<Long, Items.Item> all = items.all(itemIds(edition));
		StringBuilder out = new StringBuilder(edition.title()).append("\n\n");
		brief(out, all.get(edition.headline().itemId()), edition.headline().note());
		if (!edition.briefs().isEmpty()) {
			out.append(say("edition.briefs", locale)).append("\n\n");
			edition.briefs().forEach(b -> brief(out, all.get(b.itemId()), b.note()));
		}
		out.append(say("edition.digest.page", locale, pageUrl(edition.id()))).append('\n');
		if (!unsubscribe.isEmpty()) {
			out.append(say("edition.digest.unsubscribe", locale, unsubscribe)).append('\n');
		}
		return out.toString();
	}

	private static void brief(StringBuilder out, Items.Item item, @org.jspecify.annotations.Nullable String note) {
		out.append(item.title()).append('\n');
		if (note != null) {
			out.append(note).append('\n');
		}
		out.append(item.url()).append("\n\n");
	}

	/** The edition as HTML, for the Atom and JSON feeds. */
	public String html(Editions.Edition edition) {
		Locale locale = Locale.forLanguageTag(edition.language());
		Map<Long, Items.Item> all = items.all(itemIds(edition));
		StringBuilder out = new StringBuilder();
		htmlBrief(out, all.get(edition.headline().itemId()), edition.headline().note(), "h2");
		if (!edition.briefs().isEmpty()) {
			out.append("<h3>").append(HtmlUtils.htmlEscape(say("edition.briefs", locale))).append("</h3>");
			edition.briefs().forEach(b -> htmlBrief(out, all.get(b.itemId()), b.note(), "h4"));
		}
		return out.toString();
	}

	private static void htmlBrief(StringBuilder out, Items.Item item, @org.jspecify.annotations.Nullable String note,
			String heading) {
		out.append('<')
			.append(heading)
			.append("><a href=\"")
			.append(HtmlUtils.htmlEscape(item.url()))
			.append("\">")
			.append(HtmlUtils.htmlEscape(item.title()))
			.append("</a></")
			.append(heading)
			.append('>');
		if (note != null) {
			out.append("<p>").append(HtmlUtils.htmlEscape(note)).append("</p>");
		}
	}

	public static List<Long> itemIds(Editions.Edition edition) {
		List<Long> ids = new ArrayList<>();
		ids.add(edition.headline().itemId());
		edition.briefs().forEach(b -> ids.add(b.itemId()));
		return ids;
	}

	private String say(String code, Locale locale, Object... arguments) {
		return words.getMessage(code, arguments, locale);
	}

}
