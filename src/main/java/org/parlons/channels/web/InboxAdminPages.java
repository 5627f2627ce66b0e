package org.parlons.channels.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.Teams;
import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelConnectors;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.InboxSetup;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.platform.Sentences;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.parlons.platform.ErrorDetails;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration of inboxes: create one per channel account and give it to teams.
 */
@Controller
class InboxAdminPages {

	private final InboxSetup setup;

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final Teams teams;

	private final ChannelHealth health;

	private final Sentences sentences;

	InboxAdminPages(InboxSetup setup, Inboxes inboxes, ChannelConnectors connectors, Teams teams, ChannelHealth health,
			Sentences sentences) {
		this.sentences = sentences;
		this.health = health;
		this.setup = setup;
		this.inboxes = inboxes;
		this.connectors = connectors;
		this.teams = teams;
	}

	@Requires(Permission.MANAGE_INBOXES)
	@GetMapping("/admin/inboxes")
	String list(Model model) {
		Map<Long, Map<String, Object>> settings = new LinkedHashMap<>();
		Map<Long, List<String>> secrets = new LinkedHashMap<>();
		inboxes.findAll().forEach(i -> {
			settings.put(i.id(), setup.shownSettings(i, false));
			secrets.put(i.id(), setup.secretNames(i));
		});
		Map<Long, Map<String, Object>> editable = new LinkedHashMap<>();
		inboxes.findAll().forEach(i -> editable.put(i.id(), editable(i)));
		model.addAttribute("editable", editable);
		model.addAttribute("secrets", secrets);
		model.addAttribute("inboxes", inboxes.findAll());
		model.addAttribute("settings", settings);
		model.addAttribute("channels", connectors.channels());
		model.addAttribute("teams", teams.findAll());
		var all = health.all();
		model.addAttribute("health", all);
		Map<Long, Sentences.Told> errors = new LinkedHashMap<>();
		all.forEach((id, h) -> {
			if (h.lastError() != null) {
				errors.put(id, sentences.tell(h.lastError(), LocaleContextHolder.getLocale(), "delivery."));
			}
		});
		model.addAttribute("errors", errors);
		return "channels/inboxes";
	}

	/**
	 * The settings an administrator may change in place, by path ("imap.host"): texts,
	 * numbers and yes/no, secrets left out (they are replaced one by one).
	 */
	private Map<String, Object> editable(Inbox inbox) {
		Map<String, Object> out = new LinkedHashMap<>();
		List<String> secretNames = setup.secretPaths(inbox);
		inbox.settings().forEach((key, value) -> {
			if (value instanceof Map<?, ?> nested) {
				nested.forEach((k, v) -> {
					String path = key + "." + k;
					if (scalar(v) && !secretNames.contains(path)) {
						out.put(path, v);
					}
				});
			}
			else if (scalar(value) && !secretNames.contains(key)) {
				out.put(key, value);
			}
		});
		return out;
	}

	private static boolean scalar(@Nullable Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean;
	}

	/**
	 * Changes an inbox's name, automatic assignment and settings (those
	 * {@link #editable(Inbox)} lists), each checked by its channel as at creation.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/admin/inboxes/{id}")
	String edit(@PathVariable long id, @RequestParam String name,
			@RequestParam(defaultValue = "false") boolean autoAssign, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		try {
			Inbox inbox = inboxes.findLive(id)
				.orElseThrow(() -> new org.parlons.platform.NotFoundException("No inbox " + id));
			Map<String, Object> allowed = editable(inbox);
			Map<String, Object> changes = new LinkedHashMap<>();
			form.forEach((field, typed) -> {
				if (!field.startsWith("s.") || !allowed.containsKey(field.substring(2))) {
					return;
				}
				String path = field.substring(2);
				Object current = allowed.get(path);
				Object value = current instanceof Boolean ? Boolean.valueOf(typed)
						: current instanceof Number ? number(path, typed) : typed.strip();
				if (value.equals(current)) {
					return;
				}
				int dot = path.indexOf('.');
				if (dot < 0) {
					changes.put(path, value);
				}
				else {
					@SuppressWarnings("unchecked")
					Map<String, Object> group = (Map<String, Object>) changes.computeIfAbsent(path.substring(0, dot),
							k -> new LinkedHashMap<String, Object>());
					group.put(path.substring(dot + 1), value);
				}
			});
			setup.update(id, name, changes, autoAssign);
			redirect.addFlashAttribute("edited", name.strip());
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/inboxes";
	}

	/** Deletes an inbox once its name is typed again; its conversations stay. */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/admin/inboxes/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(defaultValue = "") String confirm, RedirectAttributes redirect) {
		try {
			String name = inboxes.findLive(id).map(Inbox::name).orElse("#" + id);
			setup.delete(id, confirm);
			redirect.addFlashAttribute("deleted", name);
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/inboxes";
	}

	private static Number number(String path, String typed) {
		try {
			return Long.valueOf(typed.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(path + ": a whole number, not " + typed);
		}
	}

	/**
	 * Makes a secret Parlons generated anew, or replaces one the network issued; the new
	 * value is shown once.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/admin/inboxes/{id}/secrets/{name}")
	String rotate(@PathVariable long id, @PathVariable String name, @RequestParam(defaultValue = "") String value,
			RedirectAttributes redirect) {
		try {
			String fresh = setup.rotate(id, name, value.isBlank() ? null : value);
			redirect.addFlashAttribute("revealed", Map.of(name, fresh));
			redirect.addFlashAttribute("revealedInbox", inboxes.findById(id).map(i -> i.name()).orElse("#" + id));
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/inboxes";
	}

	/**
	 * The email form: the address customers write to, and the mailbox's IMAP and SMTP
	 * servers.
	 */
	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/admin/inboxes/email")
	String createEmail(@RequestParam String name, @RequestParam String address, @RequestParam String imapHost,
			@RequestParam(defaultValue = "993") int imapPort, @RequestParam(defaultValue = "") String imapUsername,
			@RequestParam(defaultValue = "") String imapPassword, @RequestParam(defaultValue = "false") boolean imapTls,
			@RequestParam String smtpHost, @RequestParam(defaultValue = "587") int smtpPort,
			@RequestParam(defaultValue = "") String smtpUsername, @RequestParam(defaultValue = "") String smtpPassword,
			@RequestParam(defaultValue = "false") boolean smtpTls, @RequestParam(required = false) List<Long> teamIds,
			RedirectAttributes redirect) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("address", address);
		settings.put("imap", Map.of("host", imapHost, "port", imapPort, "username", imapUsername, "password",
				imapPassword, "tls", imapTls));
		settings.put("smtp", Map.of("host", smtpHost, "port", smtpPort, "username", smtpUsername, "password",
				smtpPassword, "tls", smtpTls));
		return create(name, "email", settings, teamIds, redirect);
	}

	@Requires(Permission.MANAGE_INBOXES)
	@PostMapping("/admin/inboxes")
	String create(@RequestParam String name, @RequestParam String channel,
			@RequestParam(defaultValue = "") String webhookUrl, @RequestParam(required = false) List<Long> teamIds,
			RedirectAttributes redirect) {
		Map<String, Object> settings = new LinkedHashMap<>();
		if (!webhookUrl.isBlank()) {
			settings.put("webhookUrl", webhookUrl);
		}
		return create(name, channel, settings, teamIds, redirect);
	}

	private String create(String name, String channel, Map<String, Object> settings, @Nullable List<Long> teamIds,
			RedirectAttributes redirect) {
		try {
			var inbox = setup.create(name, channel, settings, true);
			// the secrets Parlons made for it, shown this once
			redirect.addFlashAttribute("revealed", setup.shownSettings(inbox, true));
			redirect.addFlashAttribute("revealedInbox", inbox.name());
			if (teamIds != null) {
				for (Long teamId : teamIds) {
					teams.findById(teamId).ifPresent(t -> {
						var owned = new java.util.LinkedHashSet<>(t.inboxIds());
						owned.add(inbox.id());
						teams.replaceInboxes(teamId, owned);
					});
				}
			}
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/inboxes";
	}

}
