package org.parlons.advocacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Whether a post says that its author is paid or given something by the brand. Accepted:
 * the wordings French law 2023-451 (art. 5) requires, "Publicité" and "Collaboration
 * commerciale", and those the FTC's Endorsement Guides (16 CFR 255) give as clear, "ad",
 * "advertisement", "sponsored" and "paid partnership", as words or hashtags
 * ({@code #collaborationcommerciale}, {@code #ad}), without regard to case or accents. A
 * contract may add its own wording. Ambiguous tags the FTC warns about ({@code #sp},
 * {@code #spon}, {@code #collab}, "thanks to…") do not count, and {@code #ad} is a whole
 * tag: {@code #adorable} is not a disclosure.
 */
public final class Disclosure {

	/** Wordings accepted anywhere in the text, as whole words. */
	public static final List<String> PHRASES = List.of("publicité", "collaboration commerciale", "advertisement",
			"sponsored", "paid partnership");

	/** Tags accepted as whole hashtags. */
	public static final List<String> TAGS = List.of("#ad", "#advertisement", "#sponsored", "#publicité",
			"#collaborationcommerciale", "#paidpartnership");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private Disclosure() {
	}

	/**
	 * Whether the text carries an accepted disclosure, or the contract's own wording when
	 * it has one.
	 */
	public static boolean disclosed(String text, @Nullable String contractWording) {
		String normal = normal(text);
		List<String> accepted = new ArrayList<>(PHRASES);
		accepted.addAll(TAGS);
		if (contractWording != null && !contractWording.isBlank()) {
			accepted.add(contractWording);
		}
		for (String wording : accepted) {
			if (contains(normal, normal(wording))) {
				return true;
			}
		}
		return false;
	}

	/** Lower case, no accents, single spaces. */
	static String normal(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the wording is in the text with no letter, digit or underscore touching it
	 * on either side.
	 */
	private static boolean contains(String text, String wording) {
		if (wording.isEmpty()) {
			return false;
		}
		Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}_#])" + Pattern.quote(wording) + "(?![\\p{L}\\p{N}_])");
		return whole.matcher(text).find();
	}

}
