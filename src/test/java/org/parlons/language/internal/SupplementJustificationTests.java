package org.parlons.language.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parlons.language.SentimentEvaluation;
import org.parlons.language.SentimentEvaluation.Example;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entry of the English supplement is justified by development data alone (issue 19,
 * point 6): it occurs, as the analyser tokenises, in at least one of VADER's 4,200
 * development tweets, and the mean human rating of the tweets that hold it has the
 * entry's sign (an entry of valence 0, a hedge, only has to occur). Entries under a
 * {@code # source: VADER} heading are VADER's own idioms, copied from its code, not
 * chosen by us. The held-out sentences are never read here: they may not decide what
 * stays.
 */
class SupplementJustificationTests {

	record Entry(String term, double valence, boolean vaders) {
	}

	private static final List<Example> TWEETS = SentimentEvaluation.developmentTweets();

	private static final List<List<String>> TWEET_WORDS = TWEETS.stream().map(e -> words(e.text())).toList();

	@Test
	void everyEnglishEntryIsJustifiedByTheDevelopmentTweets() {
		List<String> unjustified = new ArrayList<>();
		for (Entry entry : entries("lexicons/en/parlons-en.tsv")) {
			if (entry.vaders()) {
				continue;
			}
			List<String> term = words(entry.term());
			double sum = 0;
			int hits = 0;
			for (int i = 0; i < TWEET_WORDS.size(); i++) {
				if (Collections.indexOfSubList(TWEET_WORDS.get(i), term) >= 0) {
					sum += TWEETS.get(i).truth();
					hits++;
				}
			}
			boolean agrees = entry.valence() == 0 || Math.signum(sum) == Math.signum(entry.valence());
			if (hits == 0 || !agrees) {
				unjustified
					.add(entry.term() + " (" + hits + " tweets" + (hits > 0 ? ", mean " + sum / hits : "") + ")");
			}
		}
		assertThat(unjustified).as("entries the development tweets do not justify").isEmpty();
	}

	/**
	 * The French supplement by the same rule, against Parlons' own French development set
	 * ({@code parlons-dev-fr.tsv}: 300 customer messages labelled −1, 0 or 1, written
	 * before the supplement was checked against it).
	 */
	@Test
	void everyFrenchEntryIsJustifiedByTheFrenchDevelopmentSet() {
		List<String[]> messages = frenchDevelopmentSet();
		List<List<String>> words = messages.stream().map(m -> frenchWords(m[1])).toList();
		List<String> unjustified = new ArrayList<>();
		for (Entry entry : entries("lexicons/fr/parlons-fr.tsv")) {
			List<String> term = frenchWords(entry.term());
			int sum = 0;
			int hits = 0;
			for (int i = 0; i < words.size(); i++) {
				if (Collections.indexOfSubList(words.get(i), term) >= 0) {
					sum += Integer.parseInt(messages.get(i)[0]);
					hits++;
				}
			}
			boolean agrees = entry.valence() == 0 || Math.signum(sum) == Math.signum(entry.valence());
			if (hits == 0 || !agrees) {
				unjustified.add(entry.term() + " (" + hits + " messages, sum " + sum + ")");
			}
		}
		assertThat(unjustified).as("entries the French development set does not justify").isEmpty();
	}

	static List<String[]> frenchDevelopmentSet() {
		List<String[]> out = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				SupplementJustificationTests.class.getClassLoader().getResourceAsStream("sentiment/parlons-dev-fr.tsv"),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.startsWith("#") && !line.isBlank()) {
					out.add(line.split("\t", 2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(out).hasSize(317);
		return out;
	}

	@Test
	void theCheckTellsATermNoTweetHoldsFromOneThatSomeDo() {
		assertThat(TWEET_WORDS.stream().anyMatch(t -> Collections.indexOfSubList(t, words("works great")) >= 0))
			.isFalse();
		assertThat(TWEET_WORDS.stream().anyMatch(t -> Collections.indexOfSubList(t, words("worth it")) >= 0)).isTrue();
	}

	/** French as the analyser reads it: "j'attends" is two words. */
	private static List<String> frenchWords(String text) {
		return Tokens.of(text, Set.of(), true).list().stream().map(Tokens.Token::text).toList();
	}

	private static List<String> words(String text) {
		return Tokens.of(text, Set.of(), false).list().stream().map(Tokens.Token::text).toList();
	}

	private static List<Entry> entries(String path) {
		List<Entry> out = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(SupplementJustificationTests.class.getClassLoader().getResourceAsStream(path),
						StandardCharsets.UTF_8))) {
			boolean vaders = false;
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("#")) {
					if (line.startsWith("# source:")) {
						vaders = line.startsWith("# source: VADER");
					}
					continue;
				}
				if (!line.isBlank()) {
					String[] f = line.split("\t");
					out.add(new Entry(f[0], Double.parseDouble(f[1]), vaders));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

}
