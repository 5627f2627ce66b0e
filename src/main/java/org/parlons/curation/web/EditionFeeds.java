package org.parlons.curation.web;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import org.parlons.curation.CurationSettings;
import org.parlons.curation.EditionText;
import org.parlons.curation.Editions;
import org.parlons.curation.Items;
import org.parlons.platform.PublicAddress;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The published editions for everyone: an Atom feed (RFC 4287), a JSON Feed 1.1, and a
 * public page for each edition and their list. A retracted edition leaves the feeds; its
 * page says it was withdrawn.
 */
@Controller
class EditionFeeds {

	static final int LATEST = 50;

	private final Editions editions;

	private final Items items;

	private final EditionText text;

	private final PublicAddress address;

	private final CurationSettings settings;

	EditionFeeds(Editions editions, Items items, EditionText text, PublicAddress address, CurationSettings settings) {
		this.editions = editions;
		this.items = items;
		this.text = text;
		this.address = address;
		this.settings = settings;
	}

	/** The published editions as Atom 1.0, the latest first. */
	@GetMapping(path = "/editions.atom", produces = "application/atom+xml;charset=UTF-8")
	@ResponseBody
	String atom() throws FeedException, java.io.IOException {
		List<Editions.Edition> published = editions.published(LATEST);
		SyndFeed feed = new SyndFeedImpl();
		feed.setFeedType("atom_1.0");
		feed.setUri(address.base() + "/editions");
		feed.setTitle(settings.publisher());
		feed.setLink(address.base() + "/editions");
		SyndLink self = new SyndLinkImpl();
		self.setRel("self");
		self.setType("application/atom+xml");
		self.setHref(address.base() + "/editions.atom");
		SyndLink alternate = new SyndLinkImpl();
		alternate.setRel("alternate");
		alternate.setType("text/html");
		alternate.setHref(address.base() + "/editions");
		feed.setLinks(List.of(alternate, self));
		SyndPerson publisher = new SyndPersonImpl();
		publisher.setName(settings.publisher());
		feed.setAuthors(List.of(publisher));
		feed.setPublishedDate(Date.from(published.isEmpty() ? Instant.EPOCH : published.get(0).publishedAt()));
		List<SyndEntry> entries = new ArrayList<>();
		for (Editions.Edition e : published) {
			SyndEntry entry = new SyndEntryImpl();
			entry.setUri(text.pageUrl(e.id()));
			entry.setTitle(e.title());
			entry.setLink(text.pageUrl(e.id()));
			entry.setPublishedDate(Date.from(e.publishedAt()));
			entry.setUpdatedDate(Date.from(e.publishedAt()));
			SyndContent content = new SyndContentImpl();
			content.setType("html");
			content.setValue(text.html(e));
			entry.setContents(List.of(content));
			entries.add(entry);
		}
		feed.setEntries(entries);
		StringWriter out = new StringWriter();
		new SyndFeedOutput().output(feed, out);
		return out.toString();
	}

	/** The published editions as JSON Feed 1.1, the latest first. */
	@GetMapping(path = "/editions.json", produces = { "application/feed+json", "application/json" })
	@ResponseBody
	Map<String, Object> json() {
		Map<String, Object> feed = new LinkedHashMap<>();
		feed.put("version", "https://jsonfeed.org/version/1.1");
		feed.put("title", settings.publisher());
		feed.put("home_page_url", address.base() + "/editions");
		feed.put("feed_url", address.base() + "/editions.json");
		feed.put("authors", List.of(Map.of("name", settings.publisher())));
		List<Map<String, Object>> entries = new ArrayList<>();
		for (Editions.Edition e : editions.published(LATEST)) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", text.pageUrl(e.id()));
			item.put("url", text.pageUrl(e.id()));
			item.put("title", e.title());
			item.put("content_html", text.html(e));
			item.put("date_published", e.publishedAt().toString());
			item.put("language", e.language());
			entries.add(item);
		}
		feed.put("items", entries);
		return feed;
	}

	/** The list of published editions, for everyone. */
	@GetMapping(path = "/editions", produces = MediaType.TEXT_HTML_VALUE)
	String index(Model model) {
		model.addAttribute("editions", editions.published(LATEST));
		model.addAttribute("publisher", settings.publisher());
		return "curation/public-index";
	}

	/** An edition's public page; 404 unless it was published. */
	@GetMapping("/editions/{id:[0-9]+}")
	String page(@PathVariable long id, Model model) {
		Editions.Edition edition = editions.find(id)
			.filter(e -> e.status() == Editions.Status.PUBLISHED || e.status() == Editions.Status.RETRACTED)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
		model.addAttribute("edition", edition);
		model.addAttribute("items", items.all(EditionText.itemIds(edition)));
		model.addAttribute("publisher", settings.publisher());
		return "curation/public-edition";
	}

}
