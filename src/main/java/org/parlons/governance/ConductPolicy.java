package org.parlons.governance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.parlons.conversations.ReplyPolicy;
import org.parlons.conversations.Visibility;
import org.parlons.language.SentimentAnalyser;
import org.springframework.stereotype.Component;

/**
 * The brand's code of conduct applied to a reply before it is stored: the first broken
 * blocking rule stops it; broken warning rules are told to the agent, who confirms or
 * rewrites. Each reason names the rule and what was found, so the agent knows what to
 * change.
 */
@Component
class ConductPolicy implements ReplyPolicy {

	static final double DEFAULT_TONE = -0.5;

	private final ConductRules rules;

	private final SentimentAnalyser sentiment;

	ConductPolicy(ConductRules rules, SentimentAnalyser sentiment) {
		this.rules = rules;
		this.sentiment = sentiment;
	}

	@Override
	public Verdict review(Draft draft) {
		return check(draft.text(), draft.conversation().inboxId(), draft.visibility(), draft.agent().name());
	}

	/**
	 * The rules of an inbox applied to a text its author means to say there: a reply, or
	 * a brand post ({@link PostReview}).
	 */
	Verdict check(String text, long inboxId, Visibility visibility, String authorName) {
		List<String> warnings = new ArrayList<>();
		for (ConductRules.Rule rule : rules.all()) {
			if (!rule.appliesTo(inboxId) || !applies(rule, visibility)) {
				continue;
			}
			Optional<String> broken = broken(rule, text, authorName);
			if (broken.isEmpty()) {
				continue;
			}
			String reason = broken.get() + " (rule \u201c" + rule.name() + "\u201d)";
			if (rule.mode() == ConductRules.Mode.BLOCK) {
				return new Verdict.Block(reason);
			}
			warnings.add(reason);
		}
		return warnings.isEmpty() ? Verdict.ALLOW : new Verdict.Warn(warnings);
	}

	private static boolean applies(ConductRules.Rule rule, Visibility visibility) {
		return rule.appliesTo() == ConductRules.Scope.ALL || rule.appliesTo().name().equals(visibility.name());
	}

	Optional<String> broken(ConductRules.Rule rule, String text, String authorName) {
		return switch (rule.kind()) {
			case FORBIDDEN -> rule.phrases()
				.stream()
				.filter(p -> containsPhrase(text, p))
				.findFirst()
				.map(p -> "uses \u201c" + p + "\u201d, which the brand does not say");
			case TONE -> {
				double score = sentiment.analyse(text, null).score();
				double threshold = rule.threshold() == null ? DEFAULT_TONE : rule.threshold();
				yield score < threshold ? Optional.of(String.format(Locale.ROOT,
						"reads as strongly negative (score %.2f, below %.2f)", score, threshold)) : Optional.empty();
			}
			case GREETING -> rule.phrases().stream().anyMatch(p -> startsWith(text, p)) ? Optional.empty()
					: Optional.of("does not open with a greeting (" + String.join(", ", rule.phrases()) + ")");
			case SIGNATURE -> signed(text, rule.phrases(), authorName) ? Optional.empty()
					: Optional.of("is not signed (" + String.join(", ", rule.phrases()) + ", or the agent's name)");
		};
	}

	/** A phrase as whole words, whatever the case and accents. */
	static boolean containsPhrase(String text, String phrase) {
		String t = " " + fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
		String p = " " + fold(phrase).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
		return p.strip().length() > 0 && t.contains(p);
	}

	private static boolean startsWith(String text, String phrase) {
		return fold(text.strip()).startsWith(fold(phrase.strip()));
	}

	/** Signed when the last line holds one of the sign-offs or the agent's first name. */
	private static boolean signed(String text, List<String> phrases, String agentName) {
		String[] lines = text.strip().split("\\R");
		String last = fold(lines[lines.length - 1]);
		String firstName = fold(agentName.strip().split("\\s+")[0]);
		return (!firstName.isEmpty() && last.contains(firstName))
				|| phrases.stream().anyMatch(p -> last.contains(fold(p)));
	}

	private static String fold(String s) {
		return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

}
