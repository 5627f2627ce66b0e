package org.parlons.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.parlons.testing.NpmTarballs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labelled data for judging the sentiment analyser, and the judge. Development data
 * (VADER's tweets) is what the rules were tuned on; the held-out data was not looked at
 * while tuning:
 * <ul>
 * <li>English: the 3,000 review sentences of Kotzias et al. (KDD 2015, UCI "Sentiment
 * Labelled Sentences", CC BY 4.0: Amazon, IMDb, Yelp, 1,000 each, half positive), as
 * shipped in the test fixtures of npm {@code sentiment@5.0.2} (MIT).</li>
 * <li>French: a fixed sample of 300 of those sentences (every tenth), translated by hand
 * into the French a customer would write
 * ({@code src/test/resources/sentiment/uci-sample-fr.tsv}); the English originals of the
 * same 300 give a like-for-like comparison.</li>
 * </ul>
 * The reference is VADER itself: the JavaScript port in npm {@code vader-sentiment@1.1.3}
 * run by Node.js on the same texts.
 */
public final class SentimentEvaluation {

	/**
	 * A text and its label: 1 positive, -1 negative, or a real-valued rating for the
	 * development set.
	 */
	public record Example(String id, String text, double truth) {
	}

	/** What a scorer got right on a binary set. */
	public record Outcome(int examples, int correct, int neutral) {

		public double accuracy() {
			return (double) this.correct / this.examples;
		}

		public double coverage() {
			return 1 - (double) this.neutral / this.examples;
		}

	}

	private SentimentEvaluation() {
	}

	/**
	 * Labelled binary outcome: a neutral answer counts as wrong, as the label is what
	 * users see.
	 */
	public static Outcome judge(List<Example> examples, ToDoubleFunction<Example> scorer) {
		int correct = 0;
		int neutral = 0;
		for (Example e : examples) {
			String label = Sentiment.Label.of(scorer.applyAsDouble(e)).api();
			if (label.equals("neutral")) {
				neutral++;
			}
			else if (label.equals("positive") == (e.truth() > 0)) {
				correct++;
			}
		}
		return new Outcome(examples.size(), correct, neutral);
	}

	/** VADER's 4,200 tweets with their mean human rating (-4..4): development only. */
	public static List<Example> developmentTweets() {
		List<Example> out = new ArrayList<>();
		for (String line : resourceLines("/sentiment/vader-tweets-dev.tsv")) {
			String[] f = line.split("\t", 3);
			if (f.length == 3) {
				out.add(new Example(f[0], f[2], Double.parseDouble(f[1])));
			}
		}
		return out;
	}

	/**
	 * The 3,000 UCI sentences (one empty line left out), in the order Amazon, IMDb, Yelp.
	 */
	public static List<Example> heldOutEnglish() {
		Map<String, byte[]> files = NpmTarballs.files(NpmTarballs.fetch("sentiment", "5.0.2"),
				name -> name.matches("package/test/fixtures/(amazon|imdb|yelp)\\.json"));
		List<Example> out = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (String source : List.of("amazon", "imdb", "yelp")) {
			JsonNode items = json.readTree(files.get("package/test/fixtures/" + source + ".json"));
			int i = 0;
			for (JsonNode item : items) {
				String id = source + "-" + i++;
				String text = item.get("text").asString().strip();
				if (!text.isEmpty()) { // one Amazon line is empty
					out.add(new Example(id, text, item.get("class").asInt() == 1 ? 1 : -1));
				}
			}
		}
		return out;
	}

	/** The hand translations; ids point at their English originals. */
	public static List<Example> heldOutFrench() {
		List<Example> out = new ArrayList<>();
		for (String line : resourceLines("/sentiment/uci-sample-fr.tsv")) {
			if (line.startsWith("#")) {
				continue;
			}
			String[] f = line.split("\t", 3);
			out.add(new Example(f[0], f[2], Double.parseDouble(f[1])));
		}
		return out;
	}

	/** The English originals of the French sample, in the same order. */
	public static List<Example> englishOf(List<Example> french, List<Example> english) {
		Map<String, Example> byId = new java.util.HashMap<>();
		english.forEach(e -> byId.put(e.id(), e));
		return french.stream().map(f -> byId.get(f.id())).toList();
	}

	/**
	 * VADER compound scores from its reference JavaScript implementation, in input order.
	 */
	public static double[] vaderScores(List<Example> examples) {
		Path dir = Path.of(System.getProperty("user.home"), ".cache", "parlons", "vader-sentiment-1.1.3");
		try {
			Path bundle = dir.resolve("vaderSentiment.bundle.js");
			if (!Files.exists(bundle)) {
				byte[] js = NpmTarballs
					.files(NpmTarballs.fetch("vader-sentiment", "1.1.3"),
							name -> name.equals("package/build/vaderSentiment.bundle.js"))
					.get("package/build/vaderSentiment.bundle.js");
				Files.createDirectories(dir);
				Files.write(bundle, js);
			}
			Path input = Files.createTempFile("vader", ".json");
			Files.writeString(input,
					JsonMapper.builder().build().writeValueAsString(examples.stream().map(Example::text).toList()));
			String script = "const v=require(process.argv[1]).SentimentIntensityAnalyzer;"
					+ "const texts=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8'));"
					+ "process.stdout.write(texts.map(t=>v.polarity_scores(t).compound).join('\\n'));";
			Process node = new ProcessBuilder("node", "-e", script, bundle.toString(), input.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!node.waitFor(2, TimeUnit.MINUTES) || node.exitValue() != 0) {
				throw new IllegalStateException("Node.js could not run VADER (is node installed?)");
			}
			Files.delete(input);
			String[] lines = out.split("\n");
			double[] scores = new double[examples.size()];
			for (int i = 0; i < scores.length; i++) {
				scores[i] = Double.parseDouble(lines[i]);
			}
			return scores;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Running VADER needs Node.js on the PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Pearson correlation between two equally long series. */
	public static double pearson(double[] x, double[] y) {
		double mx = 0;
		double my = 0;
		for (int i = 0; i < x.length; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= x.length;
		my /= y.length;
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		return sxy / Math.sqrt(sxx * syy);
	}

	private static List<String> resourceLines(String path) {
		try (var in = SentimentEvaluation.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
