package org.parlons.channels;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How networks that shorten links count a post: Mastodon and X count every web address as
 * 23 characters, whatever its length, and the rest by code point.
 */
public final class Links {

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	private Links() {
	}

	/** The text's length with each web address counted as {@code linkLength}. */
	public static int counted(String text, int linkLength) {
		Matcher m = URL.matcher(text);
		int length = 0;
		int from = 0;
		while (m.find()) {
			length += text.codePointCount(from, m.start()) + linkLength;
			from = m.end();
		}
		return length + text.codePointCount(from, text.length());
	}

}
