package org.parlons.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationRulesTests {

	static final EscalationRules.Rule MANAGER = new EscalationRules.Rule(1, "m", EscalationRules.Kind.MANAGER,
			List.of(), null, null, null, 1L, null, true, null, null, null);

	static final EscalationRules.Rule LEGAL = new EscalationRules.Rule(2, "l", EscalationRules.Kind.KEYWORDS,
			List.of("avocat", "mise en demeure"), null, null, null, 1L, null, true, null, null, null);

	@Test
	void recognisesRequestsForSomeoneHigherUpButNotEveryResponsable() {
		assertThat(EscalationRules.matches(MANAGER, "Je veux parler à un responsable !")).contains("un responsable");
		assertThat(EscalationRules.matches(MANAGER, "Passez-moi votre supérieur.")).contains("votre supérieur");
		assertThat(EscalationRules.matches(MANAGER, "I want to speak to a manager now")).contains("a manager");
		assertThat(EscalationRules.matches(MANAGER, "Qui est responsable de cette panne ?")).isNull();
		assertThat(EscalationRules.matches(MANAGER, "Bonjour, ma box clignote.")).isNull();
	}

	@Test
	void keywordsMatchWholeWordsAndPhrasesInAnyCase() {
		assertThat(EscalationRules.matches(LEGAL, "J'ai contacté mon AVOCAT.")).contains("avocat");
		assertThat(EscalationRules.matches(LEGAL, "Voici une mise en demeure.")).contains("mise en demeure");
		assertThat(EscalationRules.matches(LEGAL, "Un avocatier pousse dans mon jardin.")).isNull();
	}

}
