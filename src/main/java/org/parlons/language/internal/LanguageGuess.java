package org.parlons.language.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which language a short text is in, among the seven most common on European brand pages,
 * from function words and letters only found in one language; when those do not decide,
 * from which sentiment lexicon knows more of its words. "und" when nothing decides. See
 * ADR 0009 for why not a statistical detector.
 */
final class LanguageGuess {

	static final String UNDETERMINED = "und";

	private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of("en",
			Set.of("the", "and", "is", "are", "was", "were", "i", "you", "it", "to", "of", "in", "for", "with", "on",
					"this", "that", "not", "my", "your", "but", "have", "has", "had", "be", "so", "very", "just", "at",
					"they", "we", "me", "what", "if", "do", "does", "did", "get", "got", "will", "would", "can", "from",
					"an", "or", "there", "about", "out", "up", "don", "t", "s", "he", "she", "her", "his", "our",
					"their", "them", "been", "too", "than", "when", "how", "why", "who", "really", "am", "thanks",
					"please", "m", "ll", "ve", "re", "didn", "doesn", "isn", "wasn", "won", "can't", "all", "no"),
			"fr",
			Set.of("le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "je", "tu", "il", "elle", "nous",
					"vous", "ils", "pas", "ne", "que", "qui", "pour", "avec", "sur", "dans", "ce", "c", "ça", "ca",
					"très", "mais", "ou", "au", "aux", "mon", "ma", "mes", "votre", "vos", "notre", "nos", "son", "sa",
					"ses", "j", "l", "d", "n", "qu", "y", "en", "sont", "suis", "êtes", "ai", "avez", "avons", "été",
					"être", "fait", "tout", "tous", "cette", "ces", "comme", "bien", "merci", "bonjour", "depuis",
					"toujours", "encore", "rien", "jamais", "chez", "après", "quand", "pourquoi", "parce", "car",
					"donc", "alors", "moi", "toi", "lui", "leur", "même", "aussi", "trop", "vraiment"),
			"es",
			Set.of("el", "los", "las", "y", "es", "que", "de", "no", "muy", "por", "para", "con", "una", "un", "lo",
					"pero", "mi", "su", "se", "me", "gracias", "hola", "está", "esta", "estoy", "como", "más", "del",
					"al", "todo", "hay", "son", "fue", "porque", "cuando", "también", "ya", "nada", "bueno"),
			"de",
			Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "sie", "mit", "ein", "eine", "sehr", "danke",
					"es", "zu", "den", "dem", "von", "auf", "für", "sind", "war", "wir", "auch", "aber", "noch", "nur",
					"mein", "kein", "keine", "hallo", "bitte", "wie", "was", "wenn", "dass", "bei", "ihr", "schon"),
			"it",
			Set.of("il", "lo", "la", "di", "e", "è", "che", "non", "per", "con", "una", "un", "molto", "grazie", "sono",
					"mi", "ma", "ho", "questo", "questa", "del", "della", "gli", "le", "anche", "come", "più", "ciao",
					"perché", "tutto", "sempre", "ancora", "nel", "sei"),
			"pt",
			Set.of("o", "os", "a", "as", "e", "é", "não", "que", "de", "com", "uma", "um", "muito", "obrigado",
					"obrigada", "eu", "do", "da", "dos", "das", "no", "na", "em", "para", "por", "mas", "meu", "minha",
					"você", "isso", "está", "são", "foi", "também", "olá", "nao"),
			"nl",
			Set.of("de", "het", "een", "en", "is", "niet", "ik", "je", "met", "van", "zeer", "dank", "bedankt", "op",
					"te", "dat", "die", "voor", "zijn", "maar", "ook", "nog", "wel", "heel", "hoe", "wat", "naar",
					"mijn", "geen", "hallo", "jullie"));

	/** Letters that point to one language (a few to two). */
	private static final Map<Character, List<String>> LETTERS = Map.ofEntries(Map.entry('è', List.of("fr", "it")),
			Map.entry('ê', List.of("fr", "pt")), Map.entry('ç', List.of("fr", "pt")), Map.entry('œ', List.of("fr")),
			Map.entry('ù', List.of("fr")), Map.entry('û', List.of("fr")), Map.entry('î', List.of("fr")),
			Map.entry('ï', List.of("fr")), Map.entry('ë', List.of("fr", "nl")), Map.entry('ñ', List.of("es")),
			Map.entry('¿', List.of("es")), Map.entry('¡', List.of("es")), Map.entry('ß', List.of("de")),
			Map.entry('ä', List.of("de")), Map.entry('ö', List.of("de")), Map.entry('ü', List.of("de")),
			Map.entry('ã', List.of("pt")), Map.entry('õ', List.of("pt")), Map.entry('ò', List.of("it")),
			Map.entry('ì', List.of("it")));

	private final Lexicon english;

	private final Lexicon french;

	LanguageGuess(Lexicon english, Lexicon french) {
		this.english = english;
		this.french = french;
	}

	String of(String text) {
		Map<String, Double> score = new HashMap<>();
		int lexiconBalance = 0;
		String lower = text.toLowerCase(Locale.ROOT);
		int i = 0;
		int n = lower.length();
		while (i < n) {
			char c = lower.charAt(i);
			List<String> byLetter = LETTERS.get(c);
			if (byLetter != null) {
				byLetter.forEach(lang -> score.merge(lang, 0.5, Double::sum));
			}
			if (!Character.isLetterOrDigit(c)) {
				i++;
				continue;
			}
			int start = i;
			boolean digits = false;
			while (i < n && Character.isLetterOrDigit(lower.charAt(i))) {
				digits |= Character.isDigit(lower.charAt(i));
				i++;
			}
			if (digits) {
				// an order number, a reference or an id: its letters ("a6e6ea35") are not
				// words of any language
				continue;
			}
			String word = lower.substring(start, i);
			for (Map.Entry<String, Set<String>> e : FUNCTION_WORDS.entrySet()) {
				if (e.getValue().contains(word)) {
					score.merge(e.getKey(), 1.0, Double::sum);
				}
			}
			boolean inEnglish = this.english.contains(word);
			boolean inFrench = this.french.contains(word);
			lexiconBalance += (inEnglish ? 1 : 0) - (inFrench ? 1 : 0);
		}
		String best = UNDETERMINED;
		double bestScore = 0;
		double second = 0;
		for (Map.Entry<String, Double> e : score.entrySet()) {
			if (e.getValue() > bestScore) {
				second = bestScore;
				bestScore = e.getValue();
				best = e.getKey();
			}
			else if (e.getValue() > second) {
				second = e.getValue();
			}
		}
		if (bestScore > second) {
			return best;
		}
		boolean englishTied = bestScore > 0 && score.getOrDefault("en", 0.0) == bestScore;
		boolean frenchTied = bestScore > 0 && score.getOrDefault("fr", 0.0) == bestScore;
		if (lexiconBalance != 0 && (bestScore == 0 || englishTied || frenchTied)) {
			return lexiconBalance > 0 ? "en" : "fr";
		}
		// a tie with a language we cannot read ("je" is Dutch too) goes to the one we can
		if (englishTied != frenchTied) {
			return englishTied ? "en" : "fr";
		}
		return UNDETERMINED;
	}

}
