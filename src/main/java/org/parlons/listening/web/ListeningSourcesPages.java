package org.parlons.listening.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.Feeds;
import org.parlons.listening.Searches;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where the mentions come from besides the inboxes' own messages: the searches run on the
 * networks and the feeds of blogs, news and review sites, each with how its last reading
 * went; administrators add, read now and remove them.
 */
@Controller
class ListeningSourcesPages {

	private final Searches searches;

	private final Feeds feeds;

	private final Inboxes inboxes;

	private final InboxAccess access;

	ListeningSourcesPages(Searches searches, Feeds feeds, Inboxes inboxes, InboxAccess access) {
		this.access = access;
		this.searches = searches;
		this.feeds = feeds;
		this.inboxes = inboxes;
	}

	@Requires(Permission.READ_LISTENING)
	@GetMapping("/listening/sources")
	String sources(@AuthenticationPrincipal AgentPrincipal me, Model model) {
		InboxScope scope = access.scopeOf(me);
		List<Inbox> all = inboxes.findAll();
		// the searches of the reader's inboxes; feeds belong to no inbox: their managers'
		// only
		model.addAttribute("searches", searches.all().stream().filter(q -> scope.includes(q.inboxId())).toList());
		model.addAttribute("feeds", me.may(Permission.MANAGE_LISTENING) ? feeds.all() : List.of());
		model.addAttribute("inboxNames", all.stream().collect(Collectors.toMap(Inbox::id, Inbox::name)));
		model.addAttribute("searchable", all.stream().filter(searches::searchable).toList());
		model.addAttribute("networks", String.join(", ", searches.networks()));
		return "listening/sources";
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/searches")
	String addSearch(@RequestParam long inboxId, @RequestParam String query, RedirectAttributes redirect) {
		return outcome(redirect, () -> {
			long id = searches.add(inboxId, query);
			Searches.Reading first = searches.read(searches.find(id).orElseThrow());
			return first.error() == null ? "search.added" : null;
		});
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/searches/{id}/read")
	String readSearch(@PathVariable long id, RedirectAttributes redirect) {
		return outcome(redirect, () -> {
			searches.find(id).ifPresent(searches::read);
			return "source.read";
		});
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/searches/{id}/delete")
	String removeSearch(@PathVariable long id, RedirectAttributes redirect) {
		return outcome(redirect, () -> searches.remove(id) ? "source.removed" : null);
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/feeds")
	String addFeed(@RequestParam String name, @RequestParam String url,
			@RequestParam(defaultValue = "") String keywords, RedirectAttributes redirect) {
		return outcome(redirect, () -> {
			if (name.isBlank()) {
				throw new IllegalArgumentException("A feed needs a name");
			}
			long id = feeds.add(name, url,
					Arrays.stream(keywords.split("[,\\n]")).map(String::strip).filter(k -> !k.isEmpty()).toList());
			feeds.all().stream().filter(f -> f.id() == id).findFirst().ifPresent(feeds::read);
			return "feed.added";
		});
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/feeds/{id}/read")
	String readFeed(@PathVariable long id, RedirectAttributes redirect) {
		return outcome(redirect, () -> {
			feeds.all().stream().filter(f -> f.id() == id).findFirst().ifPresent(feeds::read);
			return "source.read";
		});
	}

	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/sources/feeds/{id}/delete")
	String removeFeed(@PathVariable long id, RedirectAttributes redirect) {
		return outcome(redirect, () -> feeds.remove(id) ? "source.removed" : null);
	}

	private interface Change {

		/** The message key to show when it went well, null for none. */
		String apply();

	}

	private static String outcome(RedirectAttributes redirect, Change change) {
		try {
			String done = change.apply();
			if (done != null) {
				redirect.addFlashAttribute("done", done);
			}
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", org.parlons.platform.ErrorDetails.of(ex));
		}
		return "redirect:/listening/sources";
	}

}
