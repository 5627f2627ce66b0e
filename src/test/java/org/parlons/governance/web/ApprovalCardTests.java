package org.parlons.governance.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the approval card marks in a held reply: the amounts of a gesture, the words of a
 * withheld topic its reason quotes; nothing else.
 */
class ApprovalCardTests {

	@Test
	void amountsAreMarkedWhenTheReplyWasHeldForAGesture() {
		assertThat(marked(ApprovalCard.segments("Nous remboursons 80 € puis €12,50 et 30 euros.", true, "x")))
			.containsExactly("80 €", "€12,50", "30 euros");
		assertThat(marked(ApprovalCard.segments("Nous remboursons 80 €.", false, "a topic"))).isEmpty();
	}

	@Test
	void theWordsTheReasonQuotesAreMarked() {
		var segments = ApprovalCard.segments("Notre Avocat a reçu votre courrier.", false,
				"a public reply on legal (\u201cavocat\u201d), which julie's mandate leaves to others");
		assertThat(marked(segments)).containsExactly("Avocat");
		assertThat(String.join("", segments.stream().map(ApprovalCard.Segment::text).toList()))
			.isEqualTo("Notre Avocat a reçu votre courrier.");
	}

	private static List<String> marked(List<ApprovalCard.Segment> segments) {
		return segments.stream().filter(ApprovalCard.Segment::marked).map(ApprovalCard.Segment::text).toList();
	}

}
