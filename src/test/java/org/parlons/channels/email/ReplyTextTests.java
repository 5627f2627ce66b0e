package org.parlons.channels.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quote and signature stripping on the real reply emails of
 * {@code src/test/resources/email-replies} (Crisp's fixtures, MIT), English, French and
 * eight other languages. Expected outputs were derived by reading each mail: what its
 * writer typed before the quoted history and the signature.
 */
class ReplyTextTests {

	static final Path FIXTURES = Path.of("src", "test", "resources", "email-replies");

	/**
	 * The new part of most fixtures: a lorem paragraph above a quote header of some
	 * client.
	 */
	static final String LOREM = """
			Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.
			Nulla malesuada, orci non vulputate lobortis, massa felis pharetra ex, convallis consectetur ex libero eget ante.
			Nam vel turpis posuere, rhoncus ligula in, venenatis orci. Duis interdum venenatis ex a rutrum.
			Duis ut libero eu lectus consequat consequat ut vel lorem. Vestibulum convallis lectus urna,
			et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh.""";

	@ParameterizedTest
	@ValueSource(strings = { "email_7", "email_8", "email_10", "email_11", "email_12", "email_13", "email_14",
			"email_15", "email_17", "email_18", "email_22", "email_23", "email_24", "email_25", "email_26",
			"email_danish_dash_separator", "email_en_multiline_2", "email_finnish", "email_fr_multiline",
			"email_french_2", "email_french_dash_separator", "email_german", "email_german_2", "email_german_3",
			"email_german_outlook", "email_gmail_split_line_from", "email_ios_outlook", "email_ios_outlook_fr",
			"email_italian", "email_msn", "email_norwegian_gmail", "email_original_message", "email_original_message_2",
			"email_outlook_split_line_from", "email_portuguese", "email_russian",
			"email_tricky_10_special_chars_in_name", "email_tricky_12_no_space_after_header", "email_16", "email_9",
			"email_tricky_14_long_quote_header", "email_tricky_15_original_message_variations",
			"email_tricky_5_mixed_languages" })
	void keepsTheParagraphAboveEachClientsQuoteHeader(String name) throws IOException {
		assertThat(ReplyText.visible(fixture(name))).isEqualTo(LOREM);
	}

	@Test
	void stripsSignaturesAndQuotesOfShortReplies() throws IOException {
		assertThat(ReplyText.visible(fixture("email_1"))).endsWith("-Abhishek Kona").doesNotContain("riak-users");
		assertThat(ReplyText.visible(fixture("email_2_1"))).isEqualTo("Outlook with a reply");
		assertThat(ReplyText.visible(fixture("email_iphone"))).isEqualTo("Here is another email");
		assertThat(ReplyText.visible(fixture("email_blackberry"))).isEqualTo("Here is another email");
		assertThat(ReplyText.visible(fixture("email_multi_word_sent_from_my_mobile_device")))
			.isEqualTo("Here is another email");
		assertThat(ReplyText.visible(fixture("email_custom_quote_header"))).isEqualTo("Thank you!");
		assertThat(ReplyText.visible(fixture("email_customer_quote_header_2"))).isEqualTo("Thank you very much.");
		assertThat(ReplyText.visible(fixture("email_customer_quote_header_3")))
			.isEqualTo("bonjour,\nje n'ai pas eu de retour sur ma précision..\nmerci d'avance");
		assertThat(ReplyText.visible(fixture("email_emoji"))).isEqualTo("🎉");
		assertThat(ReplyText.visible(fixture("email_tricky_11_double_signature")))
			.isEqualTo("Thanks for your help!\n\nBest regards,\nJohn");
		assertThat(ReplyText.visible(fixture("email_thread")))
			.isEqualTo("This is new email reply in thread from bellow.");
		assertThat(ReplyText.visible(fixture("correct_sig")))
			.isEqualTo("this is an email with a correct -- signature.");
		assertThat(ReplyText.visible(fixture("email_20"))).isEqualTo("On Thursday.");
		assertThat(ReplyText.visible(fixture("email_tricky_16_unicode_signatures")))
			.isEqualTo("Thanks for the update!\n\nCheers 🎉\nSarah");
	}

	/**
	 * The other fixtures, each with what its writer typed, read by hand: mobile
	 * signatures, list footers, forwards, nested quotes, headers wrapped over lines.
	 */
	@Test
	void keepsWhatEachRemainingWriterTyped() throws IOException {
		assertThat(ReplyText.visible(fixture("email_19"))).isEqualTo("On Thursday, I get proper rendering.");
		assertThat(ReplyText.visible(fixture("email_3")))
			.isEqualTo("Oh thanks.\n\nHaving the function would be great.\n\n-Abhishek Kona");
		assertThat(ReplyText.visible(fixture("email_4"))).isEqualTo("Awesome! I haven't had another problem with it.");
		// "Sent a …" is no client's signature we know: kept rather than guessed
		assertThat(ReplyText.visible(fixture("email_6")))
			.isEqualTo("I get proper rendering as well.\n\nSent a magnificent torch of pixels");
		assertThat(ReplyText.visible(fixture("email_bullets"))).isEqualTo("""
				test 2 this should list second

				and have spaces

				and retain this formatting


				   - how about bullets
				   - and another""");
		assertThat(ReplyText.visible(fixture("email_one_is_not_on"))).isEqualTo("""
				Thank, this is really helpful.

				One outstanding question I had:

				Locally (on development), when I run...""");
		assertThat(ReplyText.visible(fixture("email_reply_header"))).startsWith("This is the latest reply.")
			.endsWith("On the other hand, it could happen TWICE!\n\nStranger")
			.doesNotContain("Mister Example");
		assertThat(ReplyText.visible(fixture("email_sent_from")))
			.isEqualTo("Hi it can happen to any texts you type, as long as you type in between words or paragraphs.");
		assertThat(ReplyText.visible(fixture("email_tricky_17_forward_header")))
			.isEqualTo("See the forwarded message below.");
		assertThat(ReplyText.visible(fixture("email_tricky_20_html_entities"))).isEqualTo(
				"The data should be &gt; 100 and &lt; 200.\n\nWe need to ensure that &amp; symbols are handled correctly.");
		assertThat(ReplyText.visible(fixture("email_tricky_9_nested_quotes")))
			.isEqualTo("I agree with the points below.");
		assertThat(ReplyText.visible(fixture("email_unquoted_reply"))).isEqualTo("This is my reply.");
		assertThat(ReplyText.visible(fixture("email_zoho")))
			.isEqualTo("What is the best way to clear a Riak bucket of all key, values after\nrunning a test?");
		assertThat(ReplyText.visible(fixture("sig_no_empty_line")))
			.isEqualTo("this is an email with a signature with no empty line above.");
	}

	/**
	 * An answer written below the quote (a mailing list's bottom-posting) is shown with
	 * the quote it answers, down to its last line: the trailing quote and the list's
	 * footer go.
	 */
	@Test
	void showsAnAnswerWrittenBelowTheQuote() throws IOException {
		String visible = ReplyText.visible(fixture("email_2"));
		assertThat(visible).startsWith("Hi,\nOn Tue, 2011-03-01 at 18:02 +0530, Abhishek Kona wrote:\n> Hi folks")
			.contains("You can list the keys for the bucket and call delete for each.")
			.endsWith("the keys in a bucket, you’ll need to delete them all individually.\"")
			.doesNotContain("riak-users mailing list");
	}

	/**
	 * Sentences that look like headers or signatures, and inline answers between quotes,
	 * stay.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "email_tricky_1_on_false_positive", "email_tricky_2_url_with_wrote",
			"email_tricky_3_code_block", "email_tricky_4_from_in_body", "email_tricky_6_regards_in_sentence",
			"email_tricky_7_multiple_dashes", "email_tricky_8_sent_from_in_content",
			"email_tricky_13_timestamp_variations", "email_tricky_18_inline_reply",
			"email_tricky_19_quote_without_header", "email_sent_from_my_not_signature", "email_not_a_signature",
			"email_not_a_signature_2", "email_with_regards", "email_5", "email_21", "email_with_date_headers",
			"email_with_from_headers" })
	void keepsEverythingWhenNothingIsQuotedOrSigned(String name) throws IOException {
		assertThat(ReplyText.visible(fixture(name))).isEqualTo(normalised(fixture(name)));
	}

	/**
	 * Every fixture: something shown, and only ever the head of the mail: nothing in
	 * between is lost.
	 */
	@ParameterizedTest
	@MethodSource("allFixtures")
	void showsTheHeadOfEveryMailAndNeverNothing(Path file) throws IOException {
		String text = Files.readString(file);
		String visible = ReplyText.visible(text);
		assertThat(visible).isNotBlank();
		assertThat(normalised(text)).startsWith(visible);
	}

	static Stream<Path> allFixtures() throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(FIXTURES)) {
			files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
		}
		assertThat(files).hasSizeGreaterThan(80);
		return files.stream();
	}

	private static String fixture(String name) throws IOException {
		return Files.readString(FIXTURES.resolve(name + ".txt"));
	}

	private static String normalised(String text) {
		return text.replace("\r\n", "\n").replace('\u00a0', ' ').replace('\u202f', ' ').strip();
	}

}
