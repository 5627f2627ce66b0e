package org.parlons.conversations.web;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.Teams;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.CannedText;
import org.parlons.conversations.Macros;
import org.parlons.platform.ErrorDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page where supervisors keep the canned replies and macros, everyone's or a team's.
 */
@Controller
@Requires(Permission.MANAGE_CANNED_RESPONSES)
class PreparedWorkPages {

	private static final String BACK = "redirect:/inbox/prepared";

	private final CannedResponses canned;

	private final Macros macros;

	private final Teams teams;

	PreparedWorkPages(CannedResponses canned, Macros macros, Teams teams) {
		this.canned = canned;
		this.macros = macros;
		this.teams = teams;
	}

	@GetMapping("/inbox/prepared")
	String page(Model model) {
		model.addAttribute("canned", canned.all());
		model.addAttribute("macros", macros.all());
		var all = teams.findAll();
		model.addAttribute("teams", all);
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		all.forEach(t -> names.put(t.id(), t.name()));
		model.addAttribute("teamNames", names);
		model.addAttribute("variables",
				String.join(", ", CannedText.VARIABLES.stream().map(v -> "{{" + v + "}}").toList()));
		return "conversations/prepared";
	}

	@PostMapping("/inbox/prepared/canned")
	String saveCanned(@RequestParam(required = false) @Nullable Long id, @RequestParam String shortcut,
			@RequestParam String title, @RequestParam String text,
			@RequestParam(required = false) @Nullable Long teamId, RedirectAttributes redirect) {
		return saved(redirect, shortcut, () -> {
			if (id == null) {
				canned.create(shortcut, title, text, teamId);
			}
			else {
				canned.update(id, shortcut, title, text, teamId);
			}
		});
	}

	@PostMapping("/inbox/prepared/canned/{id}/delete")
	String deleteCanned(@PathVariable long id) {
		canned.delete(id);
		return BACK;
	}

	@PostMapping("/inbox/prepared/macros")
	String newMacro(@RequestParam String name, @RequestParam(required = false) @Nullable Long teamId,
			@RequestParam(required = false) @Nullable String reply,
			@RequestParam(required = false) @Nullable String replyVisibility,
			@RequestParam(required = false) @Nullable String addLabel,
			@RequestParam(required = false) @Nullable String assign,
			@RequestParam(required = false) @Nullable String priority,
			@RequestParam(required = false) @Nullable String status, RedirectAttributes redirect) {
		return saved(redirect, name, () -> macros
			.create(new Macros.Macro(0, name, teamId, reply, replyVisibility, addLabel, assign, priority, status)));
	}

	@PostMapping("/inbox/prepared/macros/{id}/delete")
	String deleteMacro(@PathVariable long id) {
		macros.delete(id);
		return BACK;
	}

	private static String saved(RedirectAttributes redirect, String name, Runnable save) {
		try {
			save.run();
			redirect.addFlashAttribute("saved", name.strip());
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return BACK;
	}

}
