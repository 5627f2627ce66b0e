package org.parlons.network;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.property.Email;
import ezvcard.property.Organization;
import ezvcard.property.Related;
import ezvcard.property.Telephone;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.customers.Author;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.network.Ties.Node;
import org.parlons.platform.CsvInput;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The imports of people and their work: an agent's LinkedIn {@code Connections.csv}
 * export (their first-degree connections, with the note lines LinkedIn puts before the
 * header) and vCard 3.0 or 4.0 or jCard files, whose {@code RELATED} links two people.
 * Imported people are customer profiles, found by their email like any identity, created
 * as prospects when unknown; their employer and title become their current employment, a
 * new employer a job change; each is owed a notice (GDPR Art. 14). One transaction per
 * file: a file that cannot be read stores nothing.
 */
@Service
public class NetworkImports {

	/** The most people one file may bring. LinkedIn caps connections at 30,000. */
	public static final int MAX_PEOPLE = 30_000;

	private static final DateTimeFormatter CONNECTED_ON = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

	/**
	 * What an import did.
	 *
	 * @param people how many people it read
	 * @param created how many of them were new profiles
	 * @param ties how many ties it said
	 * @param jobChanges how many moved to another organisation
	 * @param skipped the lines or cards left aside, and why
	 */
	public record Summary(int people, int created, int ties, int jobChanges, List<Skipped> skipped) {
	}

	/**
	 * A line or a card left aside.
	 *
	 * @param at its line number (LinkedIn) or card number (vCard), from 1
	 * @param reason why: {@code noIdentity} (neither an email nor a profile address, nor
	 * a phone in a card), {@code badEmail} (an email address that is not one)
	 */
	public record Skipped(int at, String reason) {
	}

	/** A person as a file says them. */
	private record Person(@Nullable String name, List<Identity> identities, @Nullable String organisation,
			@Nullable String title) {
	}

	private final CustomerResolver resolver;

	private final Customers customers;

	private final CustomerProfiles profiles;

	private final Employments employments;

	private final JobChanges jobChanges;

	private final Ties ties;

	private final ImportNotices notices;

	private final Agents agents;

	private final Clock clock;

	NetworkImports(CustomerResolver resolver, Customers customers, CustomerProfiles profiles, Employments employments,
			JobChanges jobChanges, Ties ties, ImportNotices notices, Agents agents, Clock clock) {
		this.resolver = resolver;
		this.customers = customers;
		this.profiles = profiles;
		this.employments = employments;
		this.jobChanges = jobChanges;
		this.ties = ties;
		this.notices = notices;
		this.agents = agents;
		this.clock = clock;
	}

	/** An agent's LinkedIn connections: each becomes a tie between the agent and them. */
	@Transactional
	public Summary linkedIn(long agentId, String csv) {
		Agent agent = agents.findById(agentId)
			.filter(Agent::active)
			.orElseThrow(() -> NotFoundException.said("network.agent.unknown", "No active agent " + agentId,
					String.valueOf(agentId)));
		String[] lines = csv.replace("\uFEFF", "").split("\r?\n", -1);
		int header = -1;
		for (int i = 0; i < lines.length && header < 0; i++) {
			if (lines[i].strip().toLowerCase(Locale.ROOT).startsWith("first name,")) {
				header = i;
			}
		}
		if (header < 0) {
			throw Refusals.invalid("network.linkedin.header",
					"This is not LinkedIn's Connections.csv: no line starts with 'First Name,'");
		}
		String body = String.join("\n", java.util.Arrays.copyOfRange(lines, header, lines.length));
		List<CSVRecord> records;
		try {
			records = CsvInput.read(new StringReader(body));
		}
		catch (IllegalArgumentException ex) {
			throw Refusals.invalid("network.csv", "The file cannot be read as CSV: " + ex.getMessage(),
					String.valueOf(ex.getMessage()));
		}
		tooMany(records.size());
		List<Person> people = new ArrayList<>();
		List<Instant> since = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		for (int r = 0; r < records.size(); r++) {
			CSVRecord record = records.get(r);
			// the file's line, from 1: the header's is header + 1
			int line = header + 2 + r;
			List<Identity> identities = new ArrayList<>();
			String email = value(record, "Email Address");
			if (email != null) {
				try {
					identities.add(Identity.email(email));
				}
				catch (IllegalArgumentException notAnAddress) {
					skipped.add(new Skipped(line, "badEmail"));
					continue;
				}
			}
			String url = value(record, "URL");
			String slug = url == null ? null : profileSlug(url);
			if (slug != null) {
				identities.add(Identity.handle("linkedin", slug));
			}
			if (identities.isEmpty()) {
				skipped.add(new Skipped(line, "noIdentity"));
				continue;
			}
			String name = String.join(" ", nonBlank(value(record, "First Name")), nonBlank(value(record, "Last Name")))
				.strip();
			people.add(new Person(name.isEmpty() ? null : name, identities, value(record, "Company"),
					value(record, "Position")));
			since.add(connectedOn(value(record, "Connected On")));
		}
		Resolved resolved = resolve(people);
		int moves = 0;
		for (int i = 0; i < people.size(); i++) {
			long person = resolved.ids().get(i);
			ties.link(Node.agent(agent.id()), Node.customer(person), Ties.Source.LINKEDIN, null, since.get(i));
			moves += work(person, people.get(i), "linkedin", 0.8);
			notices.owed(person, "linkedin");
		}
		return new Summary(people.size(), resolved.created(), people.size(), moves, skipped);
	}

	/**
	 * vCard or jCard cards: each card a person, each {@code RELATED} (a {@code mailto:}
	 * address, or the {@code urn:uuid} of another card of the file) a tie between two.
	 */
	@Transactional
	public Summary vCards(String text, boolean json) {
		List<VCard> cards;
		try {
			cards = json ? Ezvcard.parseJson(text).all() : Ezvcard.parse(text).all();
		}
		catch (RuntimeException ex) {
			throw Refusals.invalid("network.vcard", "The file cannot be read as vCard: " + ex.getMessage(),
					String.valueOf(ex.getMessage()));
		}
		if (cards.isEmpty()) {
			throw Refusals.invalid("network.vcard.empty", "The file holds no vCard (BEGIN:VCARD … END:VCARD)");
		}
		tooMany(cards.size());
		List<Person> people = new ArrayList<>();
		List<VCard> kept = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		for (int i = 0; i < cards.size(); i++) {
			VCard card = cards.get(i);
			List<Identity> identities = identities(card);
			if (identities.isEmpty()) {
				skipped.add(new Skipped(i + 1, "noIdentity"));
				continue;
			}
			Organization org = card.getOrganization();
			String organisation = org == null || org.getValues().isEmpty() ? null : org.getValues().get(0);
			String title = card.getTitles().isEmpty() ? null : card.getTitles().get(0).getValue();
			String name = card.getFormattedName() != null ? card.getFormattedName().getValue()
					: card.getStructuredName() != null
							? String
								.join(" ", nonBlank(card.getStructuredName().getGiven()),
										nonBlank(card.getStructuredName().getFamily()))
								.strip()
							: null;
			people.add(new Person(name == null || name.isBlank() ? null : name, identities, organisation, title));
			kept.add(card);
		}
		if (people.isEmpty()) {
			throw Refusals.invalid("network.vcard.nobody",
					"No card of the file names anyone: each needs an email address or a phone number");
		}
		Resolved resolved = resolve(people);
		Map<String, Long> byUid = new HashMap<>();
		for (int i = 0; i < kept.size(); i++) {
			if (kept.get(i).getUid() != null && kept.get(i).getUid().getValue() != null) {
				byUid.put(kept.get(i).getUid().getValue().toLowerCase(Locale.ROOT), resolved.ids().get(i));
			}
		}
		Instant now = clock.instant();
		int moves = 0;
		int tied = 0;
		for (int i = 0; i < kept.size(); i++) {
			long person = resolved.ids().get(i);
			moves += work(person, people.get(i), "vcard", 0.7);
			notices.owed(person, "vcard");
			for (Related related : kept.get(i).getRelations()) {
				Long other = relatedPerson(related, byUid);
				if (other != null && other != person) {
					String type = related.getTypes().isEmpty() ? null : related.getTypes().get(0).getValue();
					ties.link(Node.customer(person), Node.customer(other), Ties.Source.VCARD, type, now);
					tied++;
				}
			}
		}
		return new Summary(people.size(), resolved.created(), tied, moves, skipped);
	}

	private @Nullable Long relatedPerson(Related related, Map<String, Long> byUid) {
		String value = related.getUri() != null ? related.getUri() : related.getText();
		if (value == null || value.isBlank()) {
			return null;
		}
		String clean = value.strip();
		String lower = clean.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mailto:")) {
			String address = clean.substring("mailto:".length()).split("\\?")[0];
			try {
				Identity email = Identity
					.email(java.net.URLDecoder.decode(address, java.nio.charset.StandardCharsets.UTF_8));
				long person = resolver.resolve(new Author(null, List.of(email)));
				notices.owed(person, "vcard");
				return person;
			}
			catch (IllegalArgumentException notAnAddress) {
				return null;
			}
		}
		return byUid.get(lower);
	}

	/** The person's work, if the file says it; answers 1 for a move. */
	private int work(long person, Person said, String source, double confidence) {
		if (said.organisation() == null || said.organisation().isBlank()) {
			return 0;
		}
		String organisation = said.organisation().strip();
		if (organisation.length() > 200) {
			organisation = organisation.substring(0, 200);
		}
		Optional<Employments.Move> move = employments.worksAt(person, organisation, said.title(), null, source,
				confidence);
		move.ifPresent(m -> jobChanges.moved(m, source));
		return move.isPresent() ? 1 : 0;
	}

	private record Resolved(List<Long> ids, int created) {
	}

	/** The profile of each person, found by an identity or created as a prospect. */
	private Resolved resolve(List<Person> people) {
		Set<Identity> all = new LinkedHashSet<>();
		people.forEach(p -> all.addAll(p.identities()));
		Set<Long> known = new java.util.HashSet<>(customers.findByIdentities(all).values());
		List<Long> ids = resolver.resolveAll(people.stream().map(p -> new Author(p.name(), p.identities())).toList());
		Set<Long> created = new java.util.HashSet<>(ids);
		created.removeAll(known);
		return new Resolved(ids, created.size());
	}

	private List<Identity> identities(VCard card) {
		Map<Identity, Boolean> found = new LinkedHashMap<>();
		for (Email email : card.getEmails()) {
			if (email.getValue() != null && email.getValue().contains("@")) {
				try {
					found.put(Identity.email(email.getValue()), true);
				}
				catch (IllegalArgumentException notAnAddress) {
					// kept aside: another identity may name them
				}
			}
		}
		for (Telephone phone : card.getTelephoneNumbers()) {
			String number = phone.getText() != null ? phone.getText()
					: phone.getUri() != null ? phone.getUri().getNumber() : null;
			if (number != null) {
				try {
					found.put(Identity.phone(number, profiles.defaultRegion()), true);
				}
				catch (IllegalArgumentException notANumber) {
					// kept aside
				}
			}
		}
		return new ArrayList<>(found.keySet());
	}

	private static void tooMany(int count) {
		if (count > MAX_PEOPLE) {
			throw Refusals.invalid("network.tooMany", "One import brings at most " + MAX_PEOPLE + " people",
					MAX_PEOPLE);
		}
	}

	private static @Nullable String value(CSVRecord record, String column) {
		if (!record.isMapped(column) || !record.isSet(column)) {
			return null;
		}
		String value = record.get(column);
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String nonBlank(@Nullable String value) {
		return value == null ? "" : value.strip();
	}

	/**
	 * The profile name in a LinkedIn address:
	 * {@code https://www.linkedin.com/in/jdurand}.
	 */
	static @Nullable String profileSlug(String url) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("linkedin\\.com/in/([^/?#]+)")
			.matcher(url.toLowerCase(Locale.ROOT));
		return m.find() ? java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

	private Instant connectedOn(@Nullable String value) {
		if (value != null) {
			for (DateTimeFormatter format : List.of(CONNECTED_ON, DateTimeFormatter.ISO_LOCAL_DATE)) {
				try {
					LocalDate date = LocalDate.parse(value.strip(), format);
					Instant at = date.atStartOfDay(ZoneOffset.UTC).toInstant();
					return at.isAfter(clock.instant()) ? clock.instant() : at;
				}
				catch (DateTimeParseException tryTheNext) {
					// the next format
				}
			}
		}
		return clock.instant();
	}

}
