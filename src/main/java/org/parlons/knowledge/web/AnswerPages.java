package org.parlons.knowledge.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.knowledge.Answers;
import org.parlons.platform.ErrorDetails;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The answers page: the list, drafts and published, and the editor; a resolved
 * conversation's "make it an answer" lands here with its draft open.
 */
@Controller
class AnswerPages {

	private static final String BACK = "redirect:/answers";

	private final Answers answers;

	private final MessageSource words;

	AnswerPages(Answers answers, MessageSource words) {
		this.answers = answers;
		this.words = words;
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/answers")
	String page(@RequestParam(required = false) @Nullable Long edit, Model model) {
		model.addAttribute("answers", answers.all());
		model.addAttribute("editing", edit == null ? null : answers.find(edit).orElse(null));
		return "knowledge/answers";
	}

	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers")
	String save(@AuthenticationPrincipal AgentPrincipal me, @RequestParam(required = false) @Nullable Long id,
			@RequestParam String language, @RequestParam String title, @RequestParam String body,
			RedirectAttributes redirect, Locale locale) {
		try {
			Answers.Draft draft = new Answers.Draft(language, title, body);
			Answers.Answer saved = id == null ? answers.write(me, draft) : answers.update(id, draft);
			redirect.addFlashAttribute("notice", words.getMessage("answers.saved", null, locale));
			return BACK + "?edit=" + saved.id();
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return id == null ? BACK : BACK + "?edit=" + id;
		}
	}

	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers/{id}/publication")
	String publish(@PathVariable long id, @RequestParam boolean published, RedirectAttributes redirect, Locale locale) {
		answers.publish(id, published);
		redirect.addFlashAttribute("notice",
				words.getMessage(published ? "answers.published" : "answers.withdrawn", null, locale));
		return BACK + "?edit=" + id;
	}

	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers/{id}/delete")
	String delete(@PathVariable long id) {
		answers.delete(id);
		return BACK;
	}

	@Requires(Permission.WRITE_ANSWERS)
	@PostMapping("/answers/from/{id}")
	String fromConversation(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(defaultValue = "fr") String language, RedirectAttributes redirect) {
		try {
			return BACK + "?edit=" + answers.draftFrom(me, id, language).id();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/inbox?status=all&open=" + id;
		}
	}

}
