package org.parlons.platform;

import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Sentences the server writes down once, in English, and tells again in the reader's
 * language. A reason stored with a record (why a reply was held, say) is written from a
 * bundle pattern ({@link #english}); shown to a person, it is read back against the same
 * pattern and said with that language's ({@link #retell}). Text no pattern matches
 * (written before the pattern existed, or by a person) is shown as written.
 */
@Component
public class Sentences {

	/** How several reasons are joined in one stored text. */
	public static final String SEPARATOR = "; ";

	private final MessageSource messages;

	private final String basename;

	private final Map<String, List<String>> families = new ConcurrentHashMap<>();

	Sentences(MessageSource messages, @Value("${spring.messages.basename}") String basename) {
		this.messages = messages;
		this.basename = basename.split(",")[0].strip();
	}

	/** The English sentence of {@code code}, as it is stored. */
	public String english(String code, Object... arguments) {
		return messages.getMessage(code, arguments, Locale.ENGLISH);
	}

	/**
	 * The stored {@code text} (one sentence or several joined by {@link #SEPARATOR}),
	 * each written by {@link #english} from a code of the {@code family} (the bundle's
	 * codes that start with it, "hold." for instance), said in {@code locale}.
	 */
	public String retell(String text, Locale locale, String family) {
		List<String> codes = families.computeIfAbsent(family, this::codesOf);
		List<String> told = new ArrayList<>();
		for (String part : text.split(SEPARATOR, -1)) {
			told.add(retellOne(part, locale, codes));
		}
		return String.join(SEPARATOR, told);
	}

	/**
	 * A stored sentence told again: the server's own words in the reader's language, and
	 * apart, the words of another system it quotes as their cause (a mail server's error,
	 * say), to be shown as written.
	 */
	public record Told(String text, @Nullable String cause) {
	}

	/**
	 * Tells one stored sentence of the {@code family} whose last argument may be another
	 * sentence of the family ("gave up after 4 attempts: SMTP: …"), to any depth, or the
	 * words of another system: those come back apart as the {@link Told#cause}. A text no
	 * pattern matches is all cause.
	 */
	public Told tell(String stored, Locale locale, String family) {
		return tellOne(stored, locale, families.computeIfAbsent(family, this::codesOf), 0);
	}

	private Told tellOne(String sentence, Locale locale, List<String> codes, int depth) {
		for (String code : codes) {
			Object[] arguments = parse(code, sentence);
			if (arguments == null) {
				continue;
			}
			int last = arguments.length - 1;
			if (last < 0 || depth >= 5 || !(arguments[last] instanceof String inner)) {
				return new Told(messages.getMessage(code, arguments, locale), null);
			}
			Told nested = tellOne(inner, locale, codes, depth + 1);
			Object[] shown = arguments.clone();
			shown[last] = nested.text();
			String text = messages.getMessage(code, shown, locale);
			return new Told(nested.text().isEmpty() ? TRAILING.matcher(text).replaceAll("") : text, nested.cause());
		}
		return new Told("", sentence);
	}

	/** What is left after a sentence whose quoted cause was taken out: "… (550) : ". */
	private static final java.util.regex.Pattern TRAILING = java.util.regex.Pattern.compile("[\\s:]+$");

	/**
	 * The arguments of {@code sentence} when the English pattern of the code wrote it.
	 */
	private Object @Nullable [] parse(String code, String sentence) {
		String pattern = messages.getMessage(code, null, null, Locale.ENGLISH);
		if (pattern == null) {
			return null;
		}
		MessageFormat english = new MessageFormat(pattern, Locale.ENGLISH);
		ParsePosition position = new ParsePosition(0);
		Object[] arguments = english.parse(sentence, position);
		return arguments != null && position.getIndex() == sentence.length()
				&& english.format(arguments).equals(sentence) ? arguments : null;
	}

	private List<String> codesOf(String family) {
		ResourceBundle english = ResourceBundle.getBundle(basename, Locale.ROOT);
		return english.keySet().stream().filter(key -> key.startsWith(family)).sorted().toList();
	}

	private String retellOne(String sentence, Locale locale, List<String> codes) {
		for (String code : codes) {
			Object[] arguments = parse(code, sentence);
			if (arguments != null) {
				return messages.getMessage(code, arguments, locale);
			}
		}
		return sentence;
	}

}
