package org.parlons.channels.social;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Post bodies some networks send as HTML (Mastodon), read as the plain text a person
 * wrote: paragraphs and line breaks kept, links as their text, nothing executable.
 */
public final class SocialText {

	private SocialText() {
	}

	public static String fromHtml(String html) {
		Document doc = Jsoup.parseBodyFragment(html);
		StringBuilder out = new StringBuilder();
		for (Element p : doc.body().children()) {
			if (!out.isEmpty()) {
				out.append("\n\n");
			}
			append(p, out);
		}
		if (doc.body().children().isEmpty()) {
			append(doc.body(), out);
		}
		return out.toString().strip();
	}

	private static void append(Element element, StringBuilder out) {
		element.childNodes().forEach(node -> {
			if (node instanceof TextNode text) {
				out.append(text.getWholeText());
			}
			else if (node instanceof Element child) {
				if ("br".equals(child.tagName())) {
					out.append('\n');
				}
				else if (!child.hasClass("invisible")) { // Mastodon hides the scheme and
															// tail of long links
					append(child, out);
				}
			}
		});
	}

}
